import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { refuseUnauthenticated } from "@/features/auth/server/authenticate";
import { importItems } from "@/features/datasets/import/import-service";
import { IMPORT_FORMATS, importMappingSchema, type ImportFormat } from "@/features/datasets/import/mapping";
import { AppError } from "@/server/errors";

export const dynamic = "force-dynamic";

/**
 * POST the raw file as the body: `?format=csv|json|jsonl`, optional
 * `&mapping=<JSON>` (see ImportMapping) and `&note=`. Answers
 * `{ ok: true, imported, version }` or `{ ok: false, errors: [{ row, message }] }`.
 */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = await refuseUnauthenticated(req);
  if (refused) return refused;
  const { id } = await params;
  const url = new URL(req.url);
  const format = url.searchParams.get("format") as ImportFormat | null;
  if (!format || !IMPORT_FORMATS.includes(format)) {
    return Response.json({ ok: false, error: "format: expected csv, json or jsonl", field: "format" }, { status: 400 });
  }
  let mapping;
  const rawMapping = url.searchParams.get("mapping");
  if (rawMapping) {
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(rawMapping);
    } catch {
      return Response.json({ ok: false, error: "mapping: not valid JSON", field: "mapping" }, { status: 400 });
    }
    const parsed = importMappingSchema.safeParse(parsedJson);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return Response.json({ ok: false, error: `mapping.${issue?.path.join(".")}: ${issue?.message}`, field: "mapping" }, { status: 400 });
    }
    mapping = parsed.data;
    if (!Object.values(mapping.columns).some((c) => c.to === "input")) {
      return Response.json({ ok: false, error: "mapping: map at least one column to the input", field: "mapping" }, { status: 400 });
    }
  }
  if (!req.body) return Response.json({ ok: false, error: "The request has no file in its body." }, { status: 400 });
  try {
    const outcome = await importItems({
      datasetId: id,
      body: Readable.fromWeb(req.body as unknown as NodeReadableStream),
      format,
      mapping,
      note: url.searchParams.get("note") ?? undefined,
    });
    return Response.json(outcome, { status: outcome.ok ? 200 : 400 });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ ok: false, error: error.message }, { status: error.code === "NOT_FOUND" ? 404 : 400 });
    throw error;
  }
}
