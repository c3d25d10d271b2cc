import { parse as parseCsv } from "csv-parse/browser/esm/sync";
import type { ImportFormat } from "../import/mapping";

/**
 * The browser only ever reads the head of an import file: enough rows to show
 * the columns and a preview, never the whole file (which may be 100k rows and
 * tens of MB). The server parses the whole file, streamed, on upload.
 */
export const PREVIEW_BYTES = 64 * 1024;
/** A JSON array cannot be read in part; below this size it is parsed whole for the preview. */
export const JSON_PREVIEW_MAX_BYTES = 5 * 1024 * 1024;
export const PREVIEW_ROWS = 20;

export type FilePreview =
  | { ok: true; columns: string[]; rows: Record<string, unknown>[]; /** More rows follow in the file. */ partial: boolean }
  | { ok: false; error: string };

export function formatOfFile(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv") || lower.endsWith(".tsv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".json")) return "json";
  return null;
}

/** Columns in the order they first appear across the preview rows. */
function columnsOf(rows: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

async function readHead(file: File): Promise<{ text: string; partial: boolean }> {
  const partial = file.size > PREVIEW_BYTES;
  let text = await file.slice(0, PREVIEW_BYTES).text();
  if (partial) {
    // The slice ends mid-row (and maybe mid-character): drop the unfinished last line.
    const lastBreak = text.lastIndexOf("\n");
    text = lastBreak > 0 ? text.slice(0, lastBreak) : "";
  }
  return { text, partial };
}

function previewCsv(text: string, partial: boolean): FilePreview {
  const options = { columns: true, bom: true, skip_empty_lines: true, relax_quotes: false, trim: false, to: PREVIEW_ROWS } as const;
  let body = text;
  // A quoted cell with line breaks may have been cut by the slice: retry a few lines shorter.
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const rows = parseCsv<Record<string, string>>(body, options);
      if (rows.length === 0) {
        const header = parseCsv(body.split(/\r?\n/)[0] ?? "", { bom: true })[0] ?? [];
        return header.length > 0 ? { ok: true, columns: header, rows: [], partial } : { ok: false, error: "The file is empty." };
      }
      return { ok: true, columns: Object.keys(rows[0] ?? {}), rows, partial: partial || rows.length >= PREVIEW_ROWS };
    } catch (error) {
      const lastBreak = body.lastIndexOf("\n");
      if (!partial || lastBreak <= 0) return { ok: false, error: `Not a readable CSV file: ${error instanceof Error ? error.message : String(error)}` };
      body = body.slice(0, lastBreak);
    }
  }
  return { ok: false, error: "Could not read the first rows of this CSV file." };
}

function previewJsonl(text: string, partial: boolean): FilePreview {
  const rows: Record<string, unknown>[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length && rows.length < PREVIEW_ROWS; index++) {
    const line = lines[index]!.trim();
    if (line === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { ok: false, error: `Line ${index + 1} is not valid JSON. JSONL needs one JSON object per line.` };
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) return { ok: false, error: `Line ${index + 1} is not a JSON object.` };
    rows.push(value as Record<string, unknown>);
  }
  if (rows.length === 0) return { ok: false, error: "The file has no JSON lines." };
  return { ok: true, columns: columnsOf(rows), rows, partial: partial || lines.filter((l) => l.trim() !== "").length > rows.length };
}

async function previewJsonArray(file: File): Promise<FilePreview> {
  if (file.size > JSON_PREVIEW_MAX_BYTES) {
    return {
      ok: false,
      error: `This JSON file is ${(file.size / 1024 / 1024).toFixed(1)} MB: too large to preview in the browser (a JSON array can only be read whole). Convert it to JSONL — one object per line — for a preview and column mapping, or import it with the default mapping.`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const list = Array.isArray(parsed) ? parsed : Array.isArray((parsed as { items?: unknown } | null)?.items) ? (parsed as { items: unknown[] }).items : null;
  if (!list) return { ok: false, error: 'Expected a JSON array of objects (or { "items": [...] }).' };
  const head = list.slice(0, PREVIEW_ROWS);
  const bad = head.findIndex((v) => v === null || typeof v !== "object" || Array.isArray(v));
  if (bad >= 0) return { ok: false, error: `Item ${bad + 1} is not a JSON object.` };
  const rows = head as Record<string, unknown>[];
  if (rows.length === 0) return { ok: false, error: "The array is empty." };
  return { ok: true, columns: columnsOf(rows), rows, partial: list.length > rows.length };
}

/** Reads and parses only the head of the file (JSON arrays below 5 MB whole). */
export async function previewFile(file: File, format: ImportFormat): Promise<FilePreview> {
  if (format === "json") return previewJsonArray(file);
  const { text, partial } = await readHead(file);
  if (text.trim() === "") return { ok: false, error: file.size === 0 ? "The file is empty." : "The first 64 KB hold no complete row." };
  return format === "csv" ? previewCsv(text, partial) : previewJsonl(text, partial);
}

export type UploadOutcome =
  | { kind: "imported"; imported: number; version: number }
  | { kind: "rejected"; errors: { row: number; message: string }[]; rowsRead: number; moreErrors: boolean }
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
      const answer = body as { ok?: boolean; imported?: number; version?: number; errors?: { row: number; message: string }[]; rowsRead?: number; moreErrors?: boolean; error?: string } | null;
      if (answer?.ok === true && typeof answer.imported === "number" && typeof answer.version === "number") {
        resolve({ kind: "imported", imported: answer.imported, version: answer.version });
      } else if (answer?.ok === false && Array.isArray(answer.errors)) {
        resolve({ kind: "rejected", errors: answer.errors, rowsRead: answer.rowsRead ?? 0, moreErrors: answer.moreErrors ?? false });
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
