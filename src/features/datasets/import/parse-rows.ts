import readline from "node:readline";
import { type Readable } from "node:stream";
import { parse as parseCsv } from "csv-parse";
import type { ImportFormat } from "./mapping";

export class ImportFormatError extends Error {}

/** Largest JSON (array) file; CSV and JSONL stream and have no such cap. */
export const MAX_JSON_ARRAY_BYTES = 100 * 1024 * 1024;

/**
 * Rows of an uploaded file as objects, read as a stream: CSV (header row gives
 * the columns) and JSONL row by row; a JSON array is parsed whole, up to
 * MAX_JSON_ARRAY_BYTES (use JSONL beyond).
 */
export async function* parseRows(body: Readable, format: ImportFormat): AsyncGenerator<{ row: number; value: Record<string, unknown> }> {
  if (format === "csv") {
    const parser = body.pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_quotes: false, trim: false }));
    let row = 0;
    try {
      for await (const record of parser as AsyncIterable<Record<string, string>>) {
        row += 1;
        yield { row, value: record };
      }
    } catch (error) {
      throw new ImportFormatError(`CSV row ${row + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return;
  }
  if (format === "jsonl") {
    const lines = readline.createInterface({ input: body, crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line += 1;
      if (text.trim() === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new ImportFormatError(`line ${line}: not valid JSON`);
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) throw new ImportFormatError(`line ${line}: expected a JSON object`);
      yield { row: line, value: value as Record<string, unknown> };
    }
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_ARRAY_BYTES) throw new ImportFormatError(`A JSON array file may be at most ${MAX_JSON_ARRAY_BYTES / 1024 / 1024} MiB; use JSONL (one item per line) for larger files.`);
    chunks.push(chunk as Buffer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ImportFormatError("The file is not valid JSON.");
  }
  const rows = Array.isArray(parsed) ? parsed : Array.isArray((parsed as { items?: unknown })?.items) ? (parsed as { items: unknown[] }).items : null;
  if (!rows) throw new ImportFormatError("Expected a JSON array of objects (or { \"items\": [...] }).");
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i];
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new ImportFormatError(`item ${i + 1}: expected a JSON object`);
    yield { row: i + 1, value: value as Record<string, unknown> };
  }
}
