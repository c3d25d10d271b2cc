import { FileProblem, StrictDecoder, type DetectedEncoding, type EncodingChoice } from "@/lib/csv/decode";
import {
  countDelimiters,
  CsvTokenizer,
  DELIMITER_NAMES,
  detectDelimiter,
  hasFirstRecord,
  MAX_RECORD_CHARS,
  type CsvDelimiter,
  type CsvRecord,
  type DelimiterChoice,
} from "@/lib/csv/tokenizer";
import { MAX_JSON_DEPTH } from "@/lib/json";
import {
  inexactNumberProblem,
  isTooDeepToParse,
  jsonRowProblem,
  kindOf,
  jsonSyntaxProblem,
  lineAndColumn,
  offsetDeeperThan,
  TOO_DEEP_TO_READ,
} from "./json-row-problems";
import { setOwn, type ImportFormat } from "./mapping";

/**
 * One reader of import files for the browser preview and the server import:
 * bytes in (chunk by chunk), rows out, each with the line it starts on in the
 * file. The preview feeds it the first 64 KB and never calls end(); the
 * server streams the whole body through it. Whole-file problems (encoding,
 * header, delimiter, broken quoting, a JSON array that does not parse) are
 * thrown as FileProblem; a problem with one row comes out with that row.
 */

export interface ReadOptions {
  encoding?: EncodingChoice;
  /** CSV only. */
  delimiter?: DelimiterChoice;
}

export interface DetectedDelimiter {
  delimiter: CsvDelimiter;
  source: "detected" | "chosen";
}

export interface ReadRow {
  /** The line the row starts on (CSV counts the header as line 1); null for a JSON array's items. */
  line: number | null;
  /** 1-based position among the file's rows (items). */
  index: number;
  value: Record<string, unknown>;
  /** Why this row cannot be read (its value is then empty). */
  problem?: string;
}

/**
 * Largest JSON (array) file. An array is parsed whole, on the server's
 * thread: 16 MB took 120-250 ms here, so the cap keeps that parse near the
 * 100 ms other requests may wait. CSV and JSONL stream and have no such cap.
 */
export const MAX_JSON_ARRAY_BYTES = 8 * 1024 * 1024;
/** A CSV header line longer than this is not a header. */
const MAX_HEADER_CHARS = 1024 * 1024;
/** Longest JSONL line, in characters: the same bound as a CSV record's (see MAX_RECORD_CHARS). */
export const MAX_JSONL_LINE_CHARS = MAX_RECORD_CHARS;

/** Where the user sees a row: "line 5" (CSV, JSONL) or "item 3" (JSON array). */
export function rowLabel(row: { line: number | null; index: number }): string {
  return row.line === null ? `item ${row.index}` : `line ${row.line}`;
}

/**
 * Splits text into lines at CRLF, LF or CR (mixed), carrying an unfinished
 * line across chunks — up to MAX_JSONL_LINE_CHARS: a longer line stops the
 * read rather than being held in memory whole.
 */
class LineSplitter {
  private rest = "";
  private afterCR = false;
  line = 0;
  constructor(private readonly maxLineChars = MAX_JSONL_LINE_CHARS) {}

  private checkLength(chars: number, line: number) {
    if (chars <= this.maxLineChars) return;
    throw new FileProblem(`Line ${line} is longer than ${this.maxLineChars.toLocaleString("en-US")} characters, the most one line may hold.`, line);
  }

  push(text: string, out: { line: number; text: string }[], final: boolean) {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 && this.afterCR) {
        this.afterCR = false;
        start = i + 1;
        continue;
      }
      this.afterCR = false;
      if (c === 10 || c === 13) {
        this.line += 1;
        this.checkLength(this.rest.length + i - start, this.line);
        out.push({ line: this.line, text: this.rest + text.slice(start, i) });
        this.rest = "";
        this.afterCR = c === 13;
        start = i + 1;
      }
    }
    this.checkLength(this.rest.length + text.length - start, this.line + 1);
    this.rest += text.slice(start);
    if (final && this.rest !== "") {
      this.line += 1;
      out.push({ line: this.line, text: this.rest });
      this.rest = "";
    }
  }
}

export class ImportFileReader {
  private readonly decoder: StrictDecoder;
  /** CSV: the header's column names, once read. */
  columns: string[] | null = null;
  delimiter: DetectedDelimiter | null = null;
  private tokenizer: CsvTokenizer | null = null;
  private head = "";
  private rowCount = 0;
  private readonly lines = new LineSplitter();
  private jsonText: string[] = [];
  private jsonBytes = 0;
  private sawText = false;

  constructor(
    readonly format: ImportFormat,
    private readonly options: ReadOptions = {},
  ) {
    this.decoder = new StrictDecoder(options.encoding ?? "auto");
  }

  get encoding(): DetectedEncoding {
    return this.decoder.detected;
  }

  /** The next chunk of the file's bytes; rows complete so far. */
  push(bytes: Uint8Array): ReadRow[] {
    return this.read(bytes, false);
  }

  /** No more bytes: the last rows, and any problem with how the file ends. */
  end(): ReadRow[] {
    return this.read(new Uint8Array(0), true);
  }

  private read(bytes: Uint8Array, final: boolean): ReadRow[] {
    if (this.format === "json") {
      this.jsonBytes += bytes.length;
      if (this.jsonBytes > MAX_JSON_ARRAY_BYTES) {
        throw new FileProblem(
          `A JSON array file may be at most ${MAX_JSON_ARRAY_BYTES / 1024 / 1024} MiB: it is read whole. Save larger files as JSONL (one item per line), which is read as it streams.`,
        );
      }
    }
    const text = this.decoder.decode(bytes, final);
    if (text !== "") this.sawText = true;
    if (this.format === "csv") return this.readCsv(text, final);
    if (this.format === "jsonl") return this.readJsonl(text, final);
    this.jsonText.push(text);
    return final ? this.readJsonArray() : [];
  }

  private readCsv(text: string, final: boolean): ReadRow[] {
    const records: CsvRecord[] = [];
    if (!this.tokenizer) {
      this.head += text;
      // Blank lines before the header are skipped (and counted) like any other.
      const headText = this.head.replace(/^[\r\n]+/, "");
      if (!final && !hasFirstRecord(headText)) {
        if (this.head.length > MAX_HEADER_CHARS)
          throw new FileProblem("The first line (the header) is longer than 1 MB, or a quote in it is never closed: this does not look like a CSV file.", 1);
        return [];
      }
      if (this.head.trim() === "" && final)
        throw new FileProblem(this.sawText ? "The file holds no header: its first line is empty." : "The file is empty.", 1);
      const chosen = this.options.delimiter ?? "auto";
      this.delimiter = chosen === "auto" ? { delimiter: detectDelimiter(headText), source: "detected" } : { delimiter: chosen, source: "chosen" };
      if (this.delimiter.source === "chosen") {
        // Before any row is read: a header without the chosen delimiter is a problem of the whole file.
        const counts = countDelimiters(headText);
        const likely = detectDelimiter(headText);
        if (counts[this.delimiter.delimiter] === 0 && counts[likely] > 0) {
          const line = 1 + (this.head.length - headText.length > 0 ? this.head.slice(0, this.head.length - headText.length).replace(/\r\n/g, "\n").length : 0);
          throw new FileProblem(
            `The header has no ${DELIMITER_NAMES[this.delimiter.delimiter]}, so each line would be one column; it looks separated by ${DELIMITER_NAMES[likely]} — choose that delimiter.`,
            line,
          );
        }
      }
      this.tokenizer = new CsvTokenizer(this.delimiter.delimiter);
      text = this.head;
      this.head = "";
    }
    this.tokenizer.push(text, records);
    if (final) this.tokenizer.end(records);
    const rows: ReadRow[] = [];
    for (const record of records) {
      if (!this.columns) {
        this.columns = this.readHeader(record);
        continue;
      }
      this.rowCount += 1;
      const columns = this.columns;
      if (record.cells.length !== columns.length) {
        const hint = record.cells.length > columns.length ? " (a cell with the delimiter in it must be quoted)" : "";
        rows.push({
          line: record.line,
          index: this.rowCount,
          value: {},
          problem: `the row has ${record.cells.length} ${record.cells.length === 1 ? "cell" : "cells"}, but the header has ${columns.length} columns${hint}`,
        });
        continue;
      }
      const value: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) setOwn(value, columns[i]!, record.cells[i]!);
      rows.push({ line: record.line, index: this.rowCount, value });
    }
    if (final && !this.columns) throw new FileProblem("The file holds no header: it has only empty lines.", 1);
    return rows;
  }

  private readHeader(record: CsvRecord): string[] {
    const columns = record.cells;
    const seen = new Map<string, number>();
    for (let i = 0; i < columns.length; i++) {
      const name = columns[i]!;
      if (name.trim() === "") {
        throw new FileProblem(
          `The header's column ${i + 1} has no name: every column needs one${i === columns.length - 1 && i > 0 ? " (does the header line end with an extra delimiter?)" : ""}.`,
          record.line,
          i + 1,
        );
      }
      const earlier = seen.get(name);
      if (earlier !== undefined)
        throw new FileProblem(
          `The header names two columns “${name}” (columns ${earlier + 1} and ${i + 1}): each column needs its own name.`,
          record.line,
          i + 1,
        );
      seen.set(name, i);
    }
    return columns;
  }

  private readJsonl(text: string, final: boolean): ReadRow[] {
    const lines: { line: number; text: string }[] = [];
    this.lines.push(text, lines, final);
    const rows: ReadRow[] = [];
    for (const { line, text: lineText } of lines) {
      if (lineText.trim() === "") continue;
      this.rowCount += 1;
      let value: unknown;
      try {
        value = JSON.parse(lineText);
      } catch (error) {
        if (isTooDeepToParse(error)) {
          rows.push({ line, index: this.rowCount, value: {}, problem: `the line ${TOO_DEEP_TO_READ}` });
          continue;
        }
        const problem = jsonSyntaxProblem(lineText, error);
        rows.push({ line, index: this.rowCount, value: {}, problem: `not valid JSON: ${problem.message.replace(/\(line 1, column (\d+)\)$/, "(column $1)")}` });
        continue;
      }
      const problem =
        jsonRowProblem(value, ": JSONL needs one object per line") ??
        inexactNumberProblem(lineText)?.message.replace(/\(line 1, column (\d+)\)/, "(column $1)");
      if (problem) {
        rows.push({ line, index: this.rowCount, value: {}, problem });
        continue;
      }
      rows.push({ line, index: this.rowCount, value: value as Record<string, unknown> });
    }
    return rows;
  }

  private readJsonArray(): ReadRow[] {
    const text = this.jsonText.join("");
    this.jsonText = [];
    if (text.trim() === "") throw new FileProblem("The file is empty.");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      if (isTooDeepToParse(error)) {
        // Roughly where: the array and an item's object are two levels above an item's values.
        const offset = offsetDeeperThan(text, MAX_JSON_DEPTH + 2);
        const where = offset >= 0 ? lineAndColumn(text, offset) : undefined;
        throw new FileProblem(`The file ${TOO_DEEP_TO_READ}${where ? ` (line ${where.line}, column ${where.column})` : ""}.`, where?.line, where?.column);
      }
      const problem = jsonSyntaxProblem(text, error);
      throw new FileProblem(`The file is not valid JSON: ${problem.message}.`, problem.line, problem.column);
    }
    const inexact = inexactNumberProblem(text);
    if (inexact) throw new FileProblem(`T${inexact.message.slice(1)}.`, inexact.line, inexact.column);
    const list = Array.isArray(parsed) ? parsed : Array.isArray((parsed as { items?: unknown } | null)?.items) ? (parsed as { items: unknown[] }).items : null;
    if (!list) throw new FileProblem(`Expected a JSON array of objects (or { "items": [...] }), but the file holds ${kindOf(parsed)}.`);
    return list.map((value, i) => {
      const problem = jsonRowProblem(value, "");
      return problem ? { line: null, index: i + 1, value: {}, problem } : { line: null, index: i + 1, value: value as Record<string, unknown> };
    });
  }
}
