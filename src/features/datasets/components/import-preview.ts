import { FileProblem, type DetectedEncoding, type EncodingChoice } from "@/lib/csv/decode";
import type { DelimiterChoice } from "@/lib/csv/tokenizer";
import type { ImportFileError, ImportRowError } from "../import/import-service";
import type { ImportFormat } from "../import/mapping";
import { ImportFileReader, type DetectedDelimiter, type ReadRow } from "../import/read-file";

/**
 * The browser only ever reads the head of an import file: enough rows to show
 * the columns and a preview, never the whole file (which may be 100k rows and
 * tens of MB). It reads them with the server's own reader (read-file.ts), so
 * the preview and the import agree on every line, cell and character.
 */
export const PREVIEW_BYTES = 64 * 1024;
/** A JSON array cannot be read in part; below this size it is parsed whole for the preview. */
export const JSON_PREVIEW_MAX_BYTES = 5 * 1024 * 1024;
export const PREVIEW_ROWS = 20;

export interface PreviewSettings {
  encoding: DetectedEncoding;
  delimiter?: DetectedDelimiter;
}

export type FilePreview =
  | {
      ok: true;
      columns: string[];
      rows: ReadRow[];
      /** More rows follow in the file. */
      partial: boolean;
      settings: PreviewSettings;
    }
  | {
      ok: false;
      /** too-large: a JSON array the browser does not read (it can still be imported with the default mapping). */
      kind: "unreadable" | "too-large";
      error: string;
      line?: number;
      column?: number;
      settings?: PreviewSettings;
    };

export function formatOfFile(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".json")) return "json";
  return null;
}

/** The delimiter a file's name implies (`.tsv`: tab), else detection from the header. */
export function delimiterOfFile(name: string): DelimiterChoice {
  return name.toLowerCase().endsWith(".tsv") ? "\t" : "auto";
}

/** Columns in the order they first appear across the preview rows. */
function columnsOf(rows: ReadRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.value)) seen.add(key);
  return [...seen];
}

/** Reads and parses only the head of the file (JSON arrays below 5 MB whole), as the server will. */
export function previewBytes(
  bytes: Uint8Array,
  whole: boolean,
  format: ImportFormat,
  options: { encoding: EncodingChoice; delimiter: DelimiterChoice },
): FilePreview {
  const reader = new ImportFileReader(format, options);
  const settings = (): PreviewSettings => ({ encoding: reader.encoding, ...(reader.delimiter ? { delimiter: reader.delimiter } : {}) });
  let rows: ReadRow[];
  try {
    rows = reader.push(bytes);
    if (whole) rows = rows.concat(reader.end());
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    return { ok: false, kind: "unreadable", error: error.message, line: error.line, column: error.column, settings: settings() };
  }
  const head = rows.slice(0, PREVIEW_ROWS);
  const columns = format === "csv" ? (reader.columns ?? []) : columnsOf(head);
  if (format === "csv" && !reader.columns) {
    return { ok: false, kind: "unreadable", error: `The first ${PREVIEW_BYTES / 1024} KB hold no complete header line.`, settings: settings() };
  }
  if (format !== "csv" && head.length === 0)
    return {
      ok: false,
      kind: "unreadable",
      error: whole ? "The file has no items." : `The first ${PREVIEW_BYTES / 1024} KB hold no complete line.`,
      settings: settings(),
    };
  return { ok: true, columns, rows: head, partial: !whole || rows.length > head.length, settings: settings() };
}

export async function previewFile(file: File, format: ImportFormat, options: { encoding: EncodingChoice; delimiter: DelimiterChoice }): Promise<FilePreview> {
  if (format === "json" && file.size > JSON_PREVIEW_MAX_BYTES) {
    return {
      ok: false,
      kind: "too-large",
      error: `This JSON file is ${(file.size / 1024 / 1024).toFixed(1)} MB: too large to preview in the browser (a JSON array can only be read whole). Convert it to JSONL — one object per line — for a preview and column mapping, or import it with the default mapping.`,
    };
  }
  const whole = format === "json" || file.size <= PREVIEW_BYTES;
  const bytes = new Uint8Array(await (whole ? file : file.slice(0, PREVIEW_BYTES)).arrayBuffer());
  if (bytes.length === 0) return { ok: false, kind: "unreadable", error: "The file is empty." };
  return previewBytes(bytes, whole, format, options);
}

export type UploadOutcome =
  | { kind: "imported"; imported: number; version: number }
  | { kind: "rejected"; errors: ImportRowError[]; fileError?: ImportFileError; rowsRead: number; moreErrors: boolean; stoppedAt?: { message: string } }
  | { kind: "failed"; message: string };

/**
 * Sends the file as the raw request body. XMLHttpRequest rather than fetch:
 * only XHR reports upload progress. The browser streams the File from disk.
 */
export function uploadImport(url: string, file: File, onProgress: (sent: number, total: number) => void): { done: Promise<UploadOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: handled below
      }
      const answer = body as {
        ok?: boolean;
        imported?: number;
        version?: number;
        errors?: ImportRowError[];
        fileError?: ImportFileError;
        rowsRead?: number;
        moreErrors?: boolean;
        stoppedAt?: { message: string };
        error?: string;
      } | null;
      if (answer?.ok === true && typeof answer.imported === "number" && typeof answer.version === "number") {
        resolve({ kind: "imported", imported: answer.imported, version: answer.version });
      } else if (answer?.ok === false && Array.isArray(answer.errors)) {
        resolve({
          kind: "rejected",
          errors: answer.errors,
          ...(answer.fileError ? { fileError: answer.fileError } : {}),
          rowsRead: answer.rowsRead ?? 0,
          moreErrors: answer.moreErrors ?? false,
          ...(answer.stoppedAt ? { stoppedAt: answer.stoppedAt } : {}),
        });
      } else if (xhr.status === 401) {
        resolve({ kind: "failed", message: "Your session has ended. Sign in again, then retry the import." });
      } else {
        resolve({ kind: "failed", message: answer?.error ?? `The server answered ${xhr.status} ${xhr.statusText || ""}`.trim() });
      }
    };
    xhr.onerror = () => resolve({ kind: "failed", message: "The upload failed: the server could not be reached." });
    xhr.onabort = () => resolve({ kind: "failed", message: "The upload was cancelled. Nothing was imported." });
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
