import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { refuseUnauthenticated } from "@/features/auth/server/authenticate";
import { importItems } from "@/features/datasets/import/import-service";
import { IMPORT_FORMATS, importMappingSchema, mappingProblems, type ImportFormat } from "@/features/datasets/import/mapping";
import { parseEncodingName, TEXT_ENCODINGS } from "@/lib/csv/decode";
import { CSV_DELIMITERS, DELIMITER_NAMES, parseDelimiterName } from "@/lib/csv/tokenizer";
import { AppError } from "@/server/errors";

export const dynamic = "force-dynamic";

/**
 * POST the raw file as the body: `?format=csv|json|jsonl`, optional
 * `&mapping=<JSON>` (see ImportMapping), `&encoding=auto|utf-8|utf-16le|utf-16be|windows-1252`
 * (default auto: a byte-order mark, else UTF-8), `&delimiter=auto|comma|semicolon|tab|pipe`
 * (CSV; default: detected from the header) and `&note=`. Answers
 * `{ ok: true, imported, version, settings }` or `{ ok: false, errors: [{ line, item, message }],
 * fileError?: { message, line?, column? }, settings }` (settings: the encoding and delimiter used).
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
  const encoding = parseEncodingName(url.searchParams.get("encoding") ?? "auto");
  if (!encoding) {
    return Response.json({ ok: false, error: `encoding: expected auto, ${TEXT_ENCODINGS.join(", ")}`, field: "encoding" }, { status: 400 });
  }
  const delimiter = parseDelimiterName(url.searchParams.get("delimiter") ?? "auto");
  if (!delimiter) {
    return Response.json({ ok: false, error: `delimiter: expected auto, ${CSV_DELIMITERS.map((d) => DELIMITER_NAMES[d]).join(", ")}`, field: "delimiter" }, { status: 400 });
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
    const conflict = Object.entries(mappingProblems(mapping))[0];
    if (conflict) {
      return Response.json({ ok: false, error: `mapping.columns.${conflict[0]}: ${conflict[1]}`, field: "mapping" }, { status: 400 });
    }
  }
  if (!req.body) return Response.json({ ok: false, error: "The request has no file in its body." }, { status: 400 });
  try {
    const outcome = await importItems({
      datasetId: id,
      body: Readable.fromWeb(req.body as unknown as NodeReadableStream),
      format,
      mapping,
      encoding,
      delimiter,
      note: url.searchParams.get("note") ?? undefined,
    });
    return Response.json(outcome, { status: outcome.ok ? 200 : 400 });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ ok: false, error: error.message }, { status: error.code === "NOT_FOUND" ? 404 : 400 });
    throw error;
  }
}
