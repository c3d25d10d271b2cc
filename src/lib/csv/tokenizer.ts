import { FileProblem } from "./decode";

/**
 * A streaming CSV tokenizer (RFC 4180, plus what spreadsheets write) that the
 * import preview and the server share. Why not csv-parse here: it picks one
 * record delimiter for the whole file (so a file mixing CRLF and LF lines
 * merges records unless told otherwise), and its line count treats CRLF inside
 * a quoted cell as two lines — but an error must name the line a user sees.
 *
 * - A record ends at CRLF, LF or CR, each counted as one line break, mixed
 *   freely within a file; a line break inside a quoted cell stays in the cell
 *   exactly as written.
 * - `""` inside a quoted cell is one quote; text after a closing quote (other
 *   than the delimiter or a line break) is an error with its line and cell.
 *   A quote inside an unquoted cell is kept as it is.
 * - Empty lines are skipped (but counted).
 * - A record longer than MAX_RECORD_CHARS or with more than MAX_RECORD_CELLS
 *   cells stops the read (a FileProblem naming its line): the tokenizer holds
 *   a record whole until it ends, so without a bound one endless line (or an
 *   unclosed quote) would be held in memory, and a line of a million
 *   delimiters becomes a million strings.
 */

export const CSV_DELIMITERS = [",", ";", "\t", "|"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
export type DelimiterChoice = CsvDelimiter | "auto";

export const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };
export const DELIMITER_LABELS: Record<CsvDelimiter, string> = { ",": "Comma ,", ";": "Semicolon ;", "\t": "Tab", "|": "Pipe |" };

/** `comma`, `semicolon`, `tab`, `pipe`, `auto` or the character itself; null when none of these. */
export function parseDelimiterName(name: string): DelimiterChoice | null {
  if (name === "\t") return "\t";
  const key = name.trim().toLowerCase();
  if (key === "" || key === "auto") return "auto";
  for (const delimiter of CSV_DELIMITERS) if (key === DELIMITER_NAMES[delimiter] || key === delimiter) return delimiter;
  if (key === "\\t") return "\t";
  return null;
}

/** How often each delimiter occurs outside quotes in text's first record (the header). */
export function countDelimiters(text: string): Record<CsvDelimiter, number> {
  const counts: Record<CsvDelimiter, number> = { ",": 0, ";": 0, "\t": 0, "|": 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch in counts) counts[ch as CsvDelimiter] += 1;
  }
  return counts;
}

/** The delimiter the header uses most (ties: comma, semicolon, tab, pipe); comma when it has none. */
export function detectDelimiter(headerText: string): CsvDelimiter {
  const counts = countDelimiters(headerText);
  let best: CsvDelimiter = ",";
  for (const delimiter of CSV_DELIMITERS) if (counts[delimiter] > counts[best]) best = delimiter;
  return best;
}

/** True once text holds its first record's end (an unquoted line break), so the header can be read. */
export function hasFirstRecord(text: string): boolean {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) return true;
  }
  return false;
}

/**
 * Longest record, in characters (about bytes for most text): far above the
 * largest item (256 KiB), so no record that could be imported is refused.
 */
export const MAX_RECORD_CHARS = 1024 * 1024;
/** Most cells in a record: as many columns as an import mapping may name. */
export const MAX_RECORD_CELLS = 2000;

export interface CsvLimits {
  maxRecordChars?: number;
  maxCells?: number;
}

export interface CsvRecord {
  /** The line in the file the record starts on (1 is the first line). */
  line: number;
  cells: string[];
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

const State = { FieldStart: 0, Unquoted: 1, Quoted: 2, QuoteInQuoted: 3 } as const;
type State = (typeof State)[keyof typeof State];

export class CsvTokenizer {
  private line = 1;
  private afterCR = false;
  private state: State = State.FieldStart;
  private cells: string[] = [];
  private cell = "";
  private recordLine = 1;
  private inRecord = false;
  private quoteLine = 1;
  private readonly delimiter: number;
  private readonly maxRecordChars: number;
  private readonly maxCells: number;
  /** Characters of the open record in earlier pushes. */
  private recordCharsBefore = 0;
  /** Where the open record began in the text being pushed (0 when it began in an earlier push). */
  private recordFrom = 0;

  constructor(delimiter: CsvDelimiter, limits: CsvLimits = {}) {
    this.delimiter = delimiter.charCodeAt(0);
    this.maxRecordChars = limits.maxRecordChars ?? MAX_RECORD_CHARS;
    this.maxCells = limits.maxCells ?? MAX_RECORD_CELLS;
  }

  private pushCell(cell: string) {
    if (this.cells.length >= this.maxCells) {
      throw new FileProblem(
        `Line ${this.recordLine} has more than ${this.maxCells.toLocaleString("en-US")} cells, the most one line may have: is this the right delimiter?`,
        this.recordLine,
        this.maxCells + 1,
      );
    }
    this.cells.push(cell);
  }

  /** Refuses the open record once it is longer than the limit (`chars`: its length so far). */
  private checkRecordLength(chars: number) {
    if (chars <= this.maxRecordChars) return;
    const opened = this.state === State.Quoted ? ` (a quoted cell opens on line ${this.quoteLine} and is not closed by then)` : "";
    throw new FileProblem(
      `The record that starts on line ${this.recordLine} is longer than ${this.maxRecordChars.toLocaleString("en-US")} characters, the most one record may hold${opened}.`,
      this.recordLine,
    );
  }

  private finishRecord(out: CsvRecord[], end: number) {
    this.checkRecordLength(this.recordCharsBefore + end - this.recordFrom);
    this.pushCell(this.cell);
    out.push({ line: this.recordLine, cells: this.cells });
    this.cells = [];
    this.cell = "";
    this.inRecord = false;
    this.state = State.FieldStart;
  }

  /** Feeds text; complete records are appended to `out` (a record still open waits for more text or end()). */
  push(text: string, out: CsvRecord[]): void {
    const delimiter = this.delimiter;
    let start = 0; // where the unread part of the current cell begins in `text`
    this.recordFrom = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.afterCR) {
        this.afterCR = false;
        if (c === LF) {
          // The LF of a CRLF: the line was counted at the CR (inside quotes it stays in the cell).
          continue;
        }
      }
      switch (this.state) {
        case State.FieldStart:
          if (c === CR || c === LF) {
            this.line += 1;
            this.afterCR = c === CR;
            if (this.inRecord) this.finishRecord(out, i); // a record ending in an empty cell ("a,")
            continue;
          }
          if (!this.inRecord) {
            this.inRecord = true;
            this.recordLine = this.line;
            this.recordCharsBefore = 0;
            this.recordFrom = i;
          }
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            start = i + 1;
          } else if (c === delimiter) {
            this.pushCell("");
          } else {
            this.state = State.Unquoted;
            start = i;
          }
          continue;
        case State.Unquoted:
          if (c === delimiter) {
            this.pushCell(this.cell + text.slice(start, i));
            this.cell = "";
            this.state = State.FieldStart;
          } else if (c === CR || c === LF) {
            this.cell += text.slice(start, i);
            this.line += 1;
            this.afterCR = c === CR;
            this.finishRecord(out, i);
          }
          continue;
        case State.Quoted:
          if (c === QUOTE) {
            this.cell += text.slice(start, i);
            this.state = State.QuoteInQuoted;
          } else if (c === CR || c === LF) {
            this.line += 1;
            this.afterCR = c === CR;
          }
          continue;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.cell += '"';
            this.state = State.Quoted;
            start = i + 1;
          } else if (c === delimiter) {
            this.pushCell(this.cell);
            this.cell = "";
            this.state = State.FieldStart;
          } else if (c === CR || c === LF) {
            this.line += 1;
            this.afterCR = c === CR;
            this.finishRecord(out, i);
          } else {
            const shown = text.slice(i, i + 10).split(/[\r\n]/)[0];
            throw new FileProblem(
              `Line ${this.line}, cell ${this.cells.length + 1}: a quoted cell ends at its closing quote, but "${shown}" follows it. To put a quote inside a quoted cell, double it ("").`,
              this.line,
              this.cells.length + 1,
            );
          }
          continue;
      }
    }
    if (this.inRecord) {
      // The open record goes on in the next push: it may not grow past the limit meanwhile.
      this.recordCharsBefore += text.length - this.recordFrom;
      this.checkRecordLength(this.recordCharsBefore);
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.cell += text.slice(start);
  }

  /** The end of the file: the last record, if it has no line break after it. */
  end(out: CsvRecord[]): void {
    if (this.state === State.Quoted) {
      throw new FileProblem(
        `The quoted cell that opens on line ${this.quoteLine} (cell ${this.cells.length + 1} of the record on line ${this.recordLine}) is never closed: the rest of the file would be one cell. A quote inside a quoted cell is written as two quotes ("").`,
        this.quoteLine,
        this.cells.length + 1,
      );
    }
    // Every character of the open record is counted in recordCharsBefore by now.
    this.recordFrom = 0;
    if (this.inRecord) this.finishRecord(out, 0);
  }
}
