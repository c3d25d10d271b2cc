import type { Readable } from "node:stream";
import type { ImportFormat } from "./mapping";
import { ImportFileReader, type ReadOptions, type ReadRow } from "./read-file";

export { FileProblem } from "@/lib/csv/decode";
export { MAX_JSON_ARRAY_BYTES } from "./read-file";

/** The body went past the import's byte limit; nothing past the limit was read. */
export class ImportTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`The file is larger than ${limitBytes} bytes.`);
    this.name = "ImportTooLarge";
  }
}

/**
 * Rows of an uploaded file, read as a stream through the reader the browser
 * preview uses too (so both read a file the same way): CSV and JSONL row by
 * row, never holding the file; a JSON array is parsed whole, up to
 * MAX_JSON_ARRAY_BYTES. Whole-file problems are thrown as FileProblem; a body
 * longer than `maxBytes` throws ImportTooLarge as soon as it gets there.
 *
 * Stopping early (a file problem, too many errors, the caller breaking off)
 * leaves the rest of `body` unread but not destroyed, so the caller can read
 * it off the connection before answering (see the import route).
 */
export async function* parseRows(
  body: Readable,
  format: ImportFormat,
  options: ReadOptions = {},
  reader = new ImportFileReader(format, options),
  maxBytes = Infinity,
): AsyncGenerator<ReadRow> {
  let size = 0;
  for await (const chunk of body.iterator({ destroyOnReturn: false })) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    size += bytes.byteLength;
    if (size > maxBytes) throw new ImportTooLarge(maxBytes);
    yield* reader.push(bytes);
  }
  yield* reader.end();
}
