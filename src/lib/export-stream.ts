import { stringify } from "csv-stringify/sync";
import { hasLoneSurrogate } from "./json";

export type ExportFormat = "csv" | "json" | "jsonl";

/**
 * A cell that reads back as JSON null, where an empty cell would read back as
 * the empty text "" (a dataset's expected output: none and "" differ).
 */
export const CSV_JSON_NULL = Symbol("csv JSON null");

/**
 * A cell as CSV text that a spreadsheet will not run and our import reads back
 * unchanged: strings stay as they are unless they would read back as JSON
 * ("42", "true", "{…}") — then they are JSON-quoted; other values are JSON.
 * Text starting with = + - @ ' (or tab/CR) gets a leading apostrophe, which
 * our import removes again. Strings holding a lone surrogate or NUL are
 * JSON-quoted as well, so they survive UTF-8 and read back unchanged.
 */
export function csvCell(value: unknown): string {
  if (value === CSV_JSON_NULL) return "null";
  let text: string;
  if (value === undefined || value === null) text = "";
  else if (typeof value === "string") {
    let readsAsJson = false;
    try {
      JSON.parse(value.trim());
      readsAsJson = value.trim() !== "";
    } catch {
      readsAsJson = false;
    }
    // A lone surrogate would leave as U+FFFD (UTF-8 cannot carry it) and a NUL
    // trips many CSV readers: such strings are JSON-quoted too, which escapes them.
    text = readsAsJson || hasLoneSurrogate(value) || value.includes("\u0000") ? JSON.stringify(value) : value;
  } else text = JSON.stringify(value);
  return /^[=+\-@'\t\r]/.test(text) ? `'${text}` : text;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
};

/**
 * Streams an export page by page (never the whole set in memory): `pages`
 * yields arrays of records; `csvRow` turns a record into cells under
 * `header`.
 */
export function exportResponse<T>(options: {
  format: ExportFormat;
  fileName: string;
  pages: AsyncGenerator<T[]>;
  header: string[];
  csvRow: (record: T) => unknown[];
  jsonRecord: (record: T) => unknown;
}): Response {
  const encoder = new TextEncoder();
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      if (options.format === "csv") controller.enqueue(encoder.encode(stringify([options.header])));
      if (options.format === "json") controller.enqueue(encoder.encode("[\n"));
    },
    async pull(controller) {
      const next = await options.pages.next();
      if (next.done) {
        if (options.format === "json") controller.enqueue(encoder.encode("\n]\n"));
        controller.close();
        return;
      }
      let chunk = "";
      if (options.format === "csv") chunk = stringify(next.value.map((record) => options.csvRow(record).map(csvCell)));
      else if (options.format === "jsonl") chunk = next.value.map((record) => `${JSON.stringify(options.jsonRecord(record))}\n`).join("");
      else if (next.value.length > 0) {
        chunk = (first ? "" : ",\n") + next.value.map((record) => JSON.stringify(options.jsonRecord(record))).join(",\n");
        first = false;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await options.pages.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": CONTENT_TYPES[options.format],
      "content-disposition": `attachment; filename="${options.fileName}.${options.format}"`,
      "cache-control": "no-store",
    },
  });
}
