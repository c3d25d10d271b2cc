import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { refuseUnauthenticated } from "@/features/auth/server";
import { importItems, ImportTooLarge, IMPORT_FORMATS, importMappingSchema, mappingProblems, type ImportFormat } from "@/features/datasets/server";
import { byteSize } from "@/lib/byte-size";
import { parseEncodingName, TEXT_ENCODINGS } from "@/lib/csv/decode";
import { CSV_DELIMITERS, DELIMITER_NAMES, parseDelimiterName } from "@/lib/csv/tokenizer";
import { env } from "@/server/env";
import { AppError, appErrorResponse } from "@/server/errors";
import { routeId } from "../../../_shared";

export const dynamic = "force-dynamic";

/**
 * After the import stops early (the file is refused, or is over the limit),
 * up to this many more bytes of the body are read and dropped before the
 * answer goes out: a server that answers and closes with the body still
 * arriving makes the client's network stack report a reset instead of the
 * answer. Past this, the connection is cut.
 */
const DISCARD_AFTER_STOP_BYTES = 64 * 1024 * 1024;

function tooLarge(limitBytes: number): Response {
  return Response.json(
    {
      ok: false,
      error: `The file is larger than ${byteSize(limitBytes)}, the most one import may send (TRIALRUN_MAX_IMPORT_BYTES). Split it into smaller files, or raise the limit.`,
    },
    { status: 413 },
  );
}

/** Reads what is left of the body and drops it, up to `maxBytes`; past that, or if the client goes away, the body is destroyed. */
async function discardRest(body: Readable, maxBytes: number): Promise<void> {
  let size = 0;
  try {
    for await (const chunk of body.iterator({ destroyOnReturn: false })) {
      size += (chunk as Uint8Array).byteLength;
      if (size > maxBytes) break;
    }
  } catch {
    // the client went away: nothing left to read
  }
  if (!body.readableEnded) body.destroy();
}

/**
 * POST the raw file as the body: `?format=csv|json|jsonl`, optional
 * `&mapping=<JSON>` (see ImportMapping), `&encoding=auto|utf-8|utf-16le|utf-16be|windows-1252`
 * (default auto: a byte-order mark, else UTF-8), `&delimiter=auto|comma|semicolon|tab|pipe`
 * (CSV; default: detected from the header) and `&note=`. Answers
 * `{ ok: true, imported, version, settings }` or `{ ok: false, errors: [{ line, item, message }],
 * fileError?: { message, line?, column? }, moreErrors, stoppedAt?: { line, item, message }, settings }`
 * (settings: the encoding and delimiter used; stoppedAt: where reading stopped once more errors
 * were known than are listed). A body over TRIALRUN_MAX_IMPORT_BYTES answers 413 `{ ok: false, error }`.
 */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = await refuseUnauthenticated(req);
  if (refused) return refused;
  const route = await routeId(req, params);
  if (route instanceof Response) return route;
  const { id } = route;
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
    return Response.json(
      { ok: false, error: `delimiter: expected auto, ${CSV_DELIMITERS.map((d) => DELIMITER_NAMES[d]).join(", ")}`, field: "delimiter" },
      { status: 400 },
    );
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
  const maxBytes = env.TRIALRUN_MAX_IMPORT_BYTES;
  const body = Readable.fromWeb(req.body as unknown as NodeReadableStream);
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    // Announced as too large: nothing is parsed. Unless far too large, it is read off the connection first.
    if (declared <= maxBytes + DISCARD_AFTER_STOP_BYTES) await discardRest(body, DISCARD_AFTER_STOP_BYTES);
    else body.destroy();
    return tooLarge(maxBytes);
  }
  let answer: Response;
  // What may be left to read once the import stops: at most the rest of a file within the limit.
  let leftToDiscard = maxBytes + DISCARD_AFTER_STOP_BYTES;
  try {
    const outcome = await importItems({
      datasetId: id,
      body,
      format,
      mapping,
      encoding,
      delimiter,
      note: url.searchParams.get("note") ?? undefined,
      maxBytes,
    });
    answer = Response.json(outcome, { status: outcome.ok ? 200 : 400 });
  } catch (error) {
    if (error instanceof ImportTooLarge) {
      answer = tooLarge(error.limitBytes);
      leftToDiscard = DISCARD_AFTER_STOP_BYTES;
    } else if (error instanceof AppError) answer = appErrorResponse(error, { ok: false, error: error.message });
    else {
      body.destroy();
      throw error;
    }
  }
  // A refused file may not have been read to its end (the import stops at the first error past those it
  // lists, at a file problem, or at the limit): the rest is read off the connection before the answer.
  await discardRest(body, leftToDiscard);
  return answer;
}
