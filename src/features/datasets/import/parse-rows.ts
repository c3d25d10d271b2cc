import type { Readable } from "node:stream";
import type { ImportFormat } from "./mapping";
import { ImportFileReader, type ReadOptions, type ReadRow } from "./read-file";

export { FileProblem } from "@/lib/csv/decode";
export { MAX_JSON_ARRAY_BYTES } from "./read-file";

/**
 * Rows of an uploaded file, read as a stream through the reader the browser
 * preview uses too (so both read a file the same way): CSV and JSONL row by
 * row, never holding the file; a JSON array is parsed whole, up to
 * MAX_JSON_ARRAY_BYTES. Whole-file problems are thrown as FileProblem.
 */
export async function* parseRows(body: Readable, format: ImportFormat, options: ReadOptions = {}, reader = new ImportFileReader(format, options)): AsyncGenerator<ReadRow> {
  for await (const chunk of body) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    yield* reader.push(bytes);
  }
  yield* reader.end();
}
