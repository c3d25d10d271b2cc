/**
 * Why a JSON row or JSON text cannot be taken, in the words the import shows:
 * where the text stops being JSON (line and column), a row that is not an
 * object, a value nested deeper than a stored value may be.
 */
import { jsonValueProblem, MAX_JSON_DEPTH } from "@/lib/json";
import { jsonSyntaxError } from "./json-position";

/** 1-based line and column of a character offset in text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Why JSON text does not parse, with the line and column where it stops. */
export function jsonSyntaxProblem(text: string, error: unknown): { message: string; line?: number; column?: number } {
  const found = jsonSyntaxError(text);
  if (!found) return { message: error instanceof Error ? error.message : String(error) };
  const where = lineAndColumn(text, found.offset);
  return { message: `${found.reason} (line ${where.line}, column ${where.column})`, ...where };
}

/** A JSON value's kind as messages name it: "an array", "a string", "null". */
export function kindOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "string" ? "a string" : `a ${typeof value}`;
}

/** A key as messages name it: as it is when it reads as a word (input), else in quotes. */
function keyLabel(key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? key : `“${key}”`;
}

/**
 * Why a row read from JSON cannot be taken: a value nested deeper than a
 * stored value may be (MAX_JSON_DEPTH), named by its key. Checked here, as
 * the file is read, so no later step (the preview's display, the size check)
 * meets a value deep enough to overflow the stack.
 */
function nestingProblem(row: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(row)) {
    if (value === null || typeof value !== "object") continue;
    const problem = jsonValueProblem(value);
    if (problem) return `${keyLabel(key)} ${problem}`;
  }
  return undefined;
}

/** Why a parsed JSON row is not taken (not an object, or nested too deeply), or undefined. */
export function jsonRowProblem(value: unknown, what: string): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return `not a JSON object (it is ${kindOf(value)})${what}`;
  return nestingProblem(value as Record<string, unknown>);
}

/**
 * JSON.parse throws SyntaxError for text that is not JSON; anything else
 * (RangeError in V8, InternalError in Firefox) means the engine ran out of
 * stack on deep nesting — the text may be JSON, but not one we store.
 */
export function isTooDeepToParse(error: unknown): boolean {
  return !(error instanceof SyntaxError);
}

export const TOO_DEEP_TO_READ = `is nested too deeply to read (a value may nest at most ${MAX_JSON_DEPTH} levels)`;

/** The offset in JSON text where nesting first goes deeper than `levels`, or -1; strings are skipped. */
export function offsetDeeperThan(text: string, levels: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 91 || c === 123) {
      depth += 1;
      if (depth > levels) return i;
    } else if (c === 93 || c === 125) depth -= 1;
  }
  return -1;
}

/** Cheap pre-check: a number a double cannot hold exactly has 16+ digits or a 3-digit exponent. */
const MAYBE_INEXACT = /\d{16}|[eE][+-]?\d{3}/;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * The first number in JSON text that would not be stored as written: an
 * integer beyond what a 64-bit float holds exactly (past 2^53, such as an id
 * of 19 digits, which JSON.parse rounds), or a number too large for one at
 * all (which would become null). Such a row is refused with its reason
 * rather than stored changed. Fractions are kept as the nearest double, as
 * every JSON reader does. Text inside strings is skipped.
 */
export function inexactNumberProblem(text: string): { message: string; line: number; column: number } | undefined {
  if (!MAYBE_INEXACT.test(text)) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
      continue;
    }
    if (c !== 45 /* - */ && (c < 48 || c > 57)) continue;
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match) continue;
    const literal = match[0];
    const value = Number(literal);
    const integer = match[1] === undefined && match[2] === undefined;
    if (!Number.isFinite(value) || (integer && !Number.isSafeInteger(value) && BigInt(literal) !== BigInt(value))) {
      const where = lineAndColumn(text, i);
      const shown = literal.length > 40 ? `${literal.slice(0, 40)}…` : literal;
      return {
        message: `the number ${shown} (line ${where.line}, column ${where.column}) cannot be stored as written: JSON numbers are kept as 64-bit floats, exact up to 2^53 (9007199254740992); write it as a string to keep every digit`,
        ...where,
      };
    }
    i += literal.length - 1;
  }
  return undefined;
}
