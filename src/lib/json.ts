import { z } from "zod";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** How deep a stored JSON value may nest (the root is level 0). */
export const MAX_JSON_DEPTH = 64;

function isPlainRecord(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Why `value` is not a JSON value we store, or null when it is one. Any key
 * (`__proto__`, `constructor` included) and any string (lone surrogates, NUL)
 * is fine; what is refused is a non-JSON thing (undefined, a function, a Date,
 * NaN) or nesting deeper than MAX_JSON_DEPTH levels.
 */
export function jsonValueProblem(value: unknown): string | null {
  // Iterative, so a hostile 100,000-level value cannot overflow the stack.
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) return `is nested deeper than ${MAX_JSON_DEPTH} levels`;
    if (node === null || typeof node === "string" || typeof node === "boolean") continue;
    if (typeof node === "number") {
      if (!Number.isFinite(node)) return `holds ${String(node)}, which JSON cannot represent`;
      continue;
    }
    if (typeof node !== "object") return `holds ${node === undefined ? "undefined" : `a ${typeof node}`}, which is not JSON`;
    if (Array.isArray(node)) {
      for (const child of node) stack.push([child, depth + 1]);
    } else {
      if (!isPlainRecord(node)) return "holds an object that is not plain JSON";
      for (const child of Object.values(node)) stack.push([child, depth + 1]);
    }
  }
  return null;
}

export function isJsonValue(value: unknown): value is JsonValue {
  return jsonValueProblem(value) === null;
}

/** Any JSON value (what an item's input, expected output and a target's output may be). */
export const jsonValueSchema = z.custom<JsonValue>((value) => isJsonValue(value), {
  error: (issue) => (issue.input === undefined ? "is required" : `must be a JSON value: it ${jsonValueProblem(issue.input) ?? "is not JSON"}`),
});

/**
 * A JSON object, kept as it is: unlike z.record, which drops a `__proto__` key,
 * this keeps every key the sender gave.
 */
function isJsonObject(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && isJsonValue(value);
}

function jsonObjectMessage(value: unknown): string {
  if (value === undefined) return "is required";
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "must be a JSON object";
  return `must be a JSON object: it ${jsonValueProblem(value) ?? "is not JSON"}`;
}

export const jsonObjectSchema = z.custom<{ [key: string]: JsonValue }>(isJsonObject, { error: (issue) => jsonObjectMessage(issue.input) });

/** The same check, typed loosely, for JSON objects the code reads as records (JSON Schemas). */
export const jsonRecordSchema = z.custom<Record<string, unknown>>(isJsonObject, { error: (issue) => jsonObjectMessage(issue.input) });

// ---- how JSON values are stored ----

/** Matches a UTF-16 surrogate that is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");
/** Any surrogate: a cheap first test, so text without one never runs the lookaround above. */
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** Whether a string holds a lone surrogate (e.g. an LLM reply cut in the middle of an emoji). */
export function hasLoneSurrogate(text: string): boolean {
  return ANY_SURROGATE.test(text) && LONE_SURROGATE.test(text);
}

/**
 * Whether a string holds what a database may refuse in text: a lone surrogate
 * (Prisma's engine and PostgreSQL refuse it) or NUL (PostgreSQL's text and
 * jsonb refuse `\u0000`).
 */
function hasUnstorableChar(text: string): boolean {
  return text.includes("\u0000") || hasLoneSurrogate(text);
}

/**
 * Text for a text column (names, errors, score reasons, search text): lone
 * surrogates and NUL become U+FFFD, so the text is valid UTF-8 that any
 * database (PostgreSQL included) stores as it is.
 */
export function wellFormedText(text: string): string {
  if (!hasUnstorableChar(text)) return text;
  return text.replace(LONE_SURROGATES, "\uFFFD").replaceAll("\u0000", "\uFFFD");
}

/** The key of the envelope a stored JSON value is wrapped in when it cannot be stored as is. */
export const STORED_JSON_KEY = "$trialrun:json";

/**
 * Whether the engine's JSON parser reads `n` back bit-for-bit. It is exact on
 * the classic fast path (at most 15 significant digits times a power of ten
 * up to 10^22) and on safe integers; beyond that it may be off by one unit in
 * the last place (2.3557373669636552e-294 came back as 2.355737366963655e-294).
 */
function engineReadsExactly(n: number): boolean {
  if (Number.isSafeInteger(n)) return true;
  const parts = /^-?(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n));
  if (!parts) return false;
  const fraction = parts[2] ?? "";
  const digits = `${parts[1]}${fraction}`.replace(/^0+/, "").replace(/0+$/, "");
  const trailingZeros = `${parts[1]}${fraction}`.replace(/^0+/, "").length - digits.length;
  const exponent = Number(parts[3] ?? "0") - fraction.length + trailingZeros;
  return digits.length <= 15 && Math.abs(exponent) <= 22;
}

/**
 * Whether a value cannot be stored as it is: a lone surrogate or NUL (in a
 * string or a key), a `__proto__` key (Prisma's Json writes drop it) or a
 * number the engine's parser may not read back exactly. One iterative walk
 * that stops at the first such thing: it runs for every result a run writes.
 */
function needsEnvelope(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === "string") {
      if (hasUnstorableChar(node)) return true;
    } else if (typeof node === "number") {
      if (!engineReadsExactly(node)) return true;
    } else if (Array.isArray(node)) {
      for (const child of node) stack.push(child);
    } else if (node !== null && typeof node === "object") {
      for (const key of Object.keys(node)) {
        if (key === "__proto__" || hasUnstorableChar(key)) return true;
        stack.push((node as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

function isEnvelope(value: unknown): value is { [STORED_JSON_KEY]: string } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === STORED_JSON_KEY;
}

/**
 * THE rule for JSON the database cannot hold as is, for every write (Prisma
 * model writes through src/server/prisma-json.ts, raw SQL through
 * toStoredJsonText). Prisma's query engine parses every Json value it writes
 * as strict UTF-8 JSON and refuses a lone UTF-16 surrogate ("unexpected end
 * of hex escape"), although JSON text may carry one as `\udXXX`; PostgreSQL's
 * jsonb refuses `\u0000` and lone-surrogate escapes alike; Prisma's Json
 * writes silently drop a `__proto__` key; and its number parser may change
 * the last digit of a long or extreme float. So a value holding a lone
 * surrogate or NUL (in a string or a key), a `__proto__` key or such a number
 * is stored as `{"$trialrun:json": "<the value as JSON text>"}` — JSON text
 * escapes the surrogate and the NUL, and the envelope's own JSON escapes that
 * backslash again, so the stored text holds neither — and is unwrapped on
 * read. A value that already looks like the envelope (an object whose only
 * key is "$trialrun:json") is wrapped too, so reading back always gives
 * exactly what was written. Everything else is stored as it is.
 */
export function toStoredJson<T>(value: T): T | { [STORED_JSON_KEY]: string } {
  if (value === null || value === undefined || typeof value === "boolean") return value;
  return isEnvelope(value) || needsEnvelope(value) ? { [STORED_JSON_KEY]: JSON.stringify(value) } : value;
}

/**
 * The stored text of a value written by raw SQL (bulk inserts): the same rule
 * as toStoredJson, as JSON text, so a row reads back the same whichever way
 * it was written (and the text stays storable in PostgreSQL's jsonb).
 */
export function toStoredJsonText(value: unknown): string {
  return JSON.stringify(toStoredJson(value));
}

/** The inverse of toStoredJson. */
export function fromStoredJson(value: unknown): unknown {
  if (!isEnvelope(value)) return value;
  const text = value[STORED_JSON_KEY];
  if (typeof text !== "string") return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

/** A short, single-line preview of a JSON value for tables. */
export function previewJson(value: unknown, max = 160): string {
  if (value === undefined) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const flat = (text ?? "").replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A value as text, the way string scorers see it: strings as they are, the rest as JSON. */
export function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  return JSON.stringify(value);
}
