import { z } from "zod";
import { type JsonValue } from "@/lib/json";
import { cellValue } from "./csv-cells";

/**
 * How a file's columns (CSV) or top-level keys (JSON, JSONL) become item
 * fields: each goes to the input, the expected output or the metadata —
 * whole, or at a dot path inside it — or is ignored.
 *
 * Objects are built with own data properties only (Object.defineProperty),
 * so a column or a path segment named `__proto__`, `constructor` or
 * `prototype` is a key like any other and never reaches a prototype.
 */
export const columnTargetSchema = z.object({
  to: z.enum(["input", "expectedOutput", "metadata", "ignore"]),
  /** e.g. "question" puts the column at input.question; empty: the whole field. */
  path: z
    .string()
    .trim()
    .max(200)
    .regex(/^$|^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, "must be a dot path such as question or context.lang")
    .default(""),
});
export type ColumnTarget = z.infer<typeof columnTargetSchema>;
export type MappedField = Exclude<ColumnTarget["to"], "ignore">;

/** Sets an own, enumerable property: never a setter, never the prototype (`__proto__` is a plain key here). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function getOwn<T>(target: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(target, key) ? target[key] : undefined;
}

const MAX_COLUMNS = 2000;

/** column → target. Not z.record: that drops a `__proto__` key, and a header may name a column so. */
const columnsSchema = z
  .custom<Record<string, unknown>>(
    (value) => value !== null && typeof value === "object" && !Array.isArray(value),
    "must be an object of column name → { to, path }",
  )
  .transform((value, ctx) => {
    const columns: Record<string, ColumnTarget> = {};
    const entries = Object.entries(value);
    if (entries.length > MAX_COLUMNS) {
      ctx.addIssue({ code: "custom", message: `may name at most ${MAX_COLUMNS} columns` });
      return columns;
    }
    for (const [column, target] of entries) {
      if (column.length > 500) {
        ctx.addIssue({ code: "custom", message: "a column name is longer than 500 characters", path: [column.slice(0, 40)] });
        continue;
      }
      const parsed = columnTargetSchema.safeParse(target);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [column, ...issue.path.map(String)] });
        continue;
      }
      setOwn(columns, column, parsed.data);
    }
    return columns;
  });

export const importMappingSchema = z.object({
  columns: columnsSchema,
  /** CSV only: a cell whose text is exactly the JSON of a value (`{"a":1}`, `42`, `true`, `"text"`) is stored as that value. */
  parseJsonCells: z.boolean().default(true),
});
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const IMPORT_FORMATS = ["csv", "json", "jsonl"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const normalise = (column: string) =>
  column
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
const IGNORED_NAMES = ["itemid", "ordinal", "version"];
/** Names that read as the input when no column is called `input`, in this order of preference. */
export const INPUT_NAMES = ["question", "prompt", "query", "text"];
/** Names that read as the expected output. */
export const EXPECTED_NAMES = [
  "expectedoutput",
  "expected",
  "answer",
  "output",
  "target",
  "label",
  "reference",
  "groundtruth",
  "gold",
  "ideal",
  "solution",
  "completion",
  "response",
];

/** The metadata key a column goes to by default: its name, or a path-safe version of it. */
function metadataPath(column: string): string {
  return column.replace(/[^A-Za-z0-9_$-]/g, "_") || "column";
}

/** Where one column goes when nothing says otherwise, by its name only (no "first column is the input" rule). */
export function defaultTarget(column: string): ColumnTarget {
  const key = normalise(column);
  if (IGNORED_NAMES.includes(key)) return { to: "ignore", path: "" };
  if (key === "input") return { to: "input", path: "" };
  if (EXPECTED_NAMES.includes(key)) return { to: "expectedOutput", path: "" };
  if (key === "metadata") return { to: "metadata", path: "" };
  return { to: "metadata", path: metadataPath(column) };
}

/**
 * The mapping used when none is given. A column called `input` is the input;
 * without one, a column called question, prompt, query or text is, or else
 * the first column not claimed by another rule. The first expected-looking
 * column (expectedOutput, expected, answer, output, target, label, …) is the
 * expected output; later ones, and all others, go into the metadata at their
 * name; itemId, ordinal and version are ignored.
 */
export function defaultMapping(columns: string[]): ImportMapping {
  const mapped: Record<string, ColumnTarget> = {};
  const named = columns.map((column) => ({ column, target: defaultTarget(column) }));
  let hasInput = false;
  let hasExpected = false;
  let hasMetadata = false;
  for (const entry of named) {
    const { to, path } = entry.target;
    if (path !== "") continue;
    // Only one column may fill a field whole: later ones go to the metadata at their name.
    const taken = to === "input" ? hasInput : to === "expectedOutput" ? hasExpected : to === "metadata" ? hasMetadata : false;
    if (taken) entry.target = { to: "metadata", path: metadataPath(entry.column) };
    else if (to === "input") hasInput = true;
    else if (to === "expectedOutput") hasExpected = true;
    else if (to === "metadata") hasMetadata = true;
  }
  if (!hasInput) {
    const byName = INPUT_NAMES.map((name) => named.find((entry) => normalise(entry.column) === name)).find((entry) => entry !== undefined);
    const first = byName ?? named.find((entry) => entry.target.to === "metadata" && entry.target.path !== "");
    if (first) first.target = { to: "input", path: "" };
  }
  for (const { column, target } of named) if (!Object.hasOwn(mapped, column)) setOwn(mapped, column, target);
  return { columns: mapped, parseJsonCells: true };
}

/** A mapping's own entry for a column (never an inherited property such as `constructor`). */
export function targetOf(mapping: ImportMapping, column: string): ColumnTarget | undefined {
  return getOwn(mapping.columns, column);
}

const FIELD_NAMES: Record<MappedField, string> = { input: "input", expectedOutput: "expected output", metadata: "metadata" };

/**
 * What makes a mapping ambiguous, per column: two columns filling the same
 * field whole, the same path twice, or a path inside another column's path
 * (`a` and `a.b`) — any of which would let one column overwrite another.
 */
export function mappingProblems(mapping: ImportMapping): Record<string, string> {
  const problems: Record<string, string> = {};
  const seen: { column: string; to: MappedField; path: string }[] = [];
  for (const [column, target] of Object.entries(mapping.columns)) {
    if (target.to === "ignore") continue;
    const to = target.to;
    const path = target.path.trim();
    for (const other of seen) {
      if (other.to !== to) continue;
      const field = FIELD_NAMES[to];
      if (other.path === path) {
        setOwn(problems, column, path === "" ? `“${other.column}” already fills the whole ${field}` : `“${other.column}” already goes to ${field} at ${path}`);
        break;
      }
      if (path !== "" && other.path !== "" && (path.startsWith(`${other.path}.`) || other.path.startsWith(`${path}.`))) {
        setOwn(problems, column, `${path} and “${other.column}”’s ${other.path} overlap: one would overwrite the other`);
        break;
      }
    }
    seen.push({ column, to, path });
  }
  return problems;
}

type JsonObject = { [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === "object" && !Array.isArray(value);
}

/** A shallow copy with own properties only. */
function copyObject(source: JsonObject): JsonObject {
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(source)) setOwn(copy, key, value);
  return copy;
}

/** Writes value at a dot path inside container (copying the objects on the way, so the row is not changed). */
function setAtPath(container: JsonObject, path: string, value: JsonValue) {
  const keys = path.split(".");
  let node = container;
  for (const key of keys.slice(0, -1)) {
    const existing = getOwn(node, key);
    const next = isObject(existing) ? copyObject(existing) : {};
    setOwn(node, key, next);
    node = next;
  }
  setOwn(node, keys[keys.length - 1]!, value);
}

export interface MappedItem {
  input: JsonValue | undefined;
  expectedOutput: JsonValue | undefined;
  metadata: Record<string, JsonValue> | undefined;
  /** Why this row cannot become an item as mapped (other than an empty input). */
  problem?: string;
}

/**
 * One row (column → raw value) as item fields. CSV cells follow cellValue;
 * JSON values are kept as they are. For JSON and JSONL, a key the mapping does
 * not name (it was not in the preview's rows) goes where its name says
 * (defaultTarget), so no key is dropped unseen.
 */
export function applyMapping(row: Record<string, unknown>, mapping: ImportMapping, format: ImportFormat): MappedItem {
  const whole: Partial<Record<MappedField, { column: string; value: JsonValue }>> = {};
  const atPath: { column: string; to: MappedField; path: string; value: JsonValue }[] = [];
  let problemOf: string | undefined;
  for (const [column, raw] of Object.entries(row)) {
    const target = targetOf(mapping, column) ?? (format === "csv" ? undefined : defaultTarget(column));
    if (!target || target.to === "ignore") continue;
    const value: JsonValue = format === "csv" ? cellValue(typeof raw === "string" ? raw : String(raw), mapping.parseJsonCells) : (raw as JsonValue);
    if (target.path === "") {
      const earlier = whole[target.to];
      if (earlier) problemOf ??= `“${earlier.column}” and “${column}” both fill the whole ${FIELD_NAMES[target.to]}`;
      whole[target.to] = { column, value };
    } else atPath.push({ column, to: target.to, path: target.path, value });
  }
  const fields: Partial<Record<MappedField, JsonValue>> = {};
  for (const to of ["input", "expectedOutput", "metadata"] as const) {
    const entry = whole[to];
    if (!entry) continue;
    let value = entry.value;
    if (to === "metadata") {
      // Metadata is an object: an empty cell or null means none; another value is kept under "value".
      if (value === "" || value === null) continue;
      if (!isObject(value)) value = { value };
    }
    fields[to] = value;
  }
  let problem = problemOf;
  for (const { column, to, path, value } of atPath) {
    const current = fields[to];
    if (current !== undefined && !isObject(current)) {
      problem ??= `“${column}” goes to ${FIELD_NAMES[to]} at ${path}, but “${whole[to]?.column ?? "?"}” fills the whole ${FIELD_NAMES[to]} with a value that is not an object`;
      continue;
    }
    const container = current === undefined ? {} : copyObject(current);
    setAtPath(container, path, value);
    fields[to] = container;
  }
  const metadata = fields.metadata;
  return {
    input: fields.input,
    expectedOutput: fields.expectedOutput,
    metadata: isObject(metadata) ? metadata : undefined,
    ...(problem ? { problem } : {}),
  };
}

/** Why a mapped row has no input, naming the column(s) the user would look at. */
export function emptyInputMessage(row: Record<string, unknown>, mapping: ImportMapping, format: ImportFormat): string {
  const noun = format === "csv" ? "column" : "key";
  const inputColumns = Object.entries(mapping.columns)
    .filter(([, target]) => target.to === "input")
    .map(([column]) => column);
  if (format !== "csv" && inputColumns.length === 0) {
    const keys = Object.keys(row).filter((key) => defaultTarget(key).to === "input");
    inputColumns.push(...keys);
  }
  if (inputColumns.length === 0) return `input is empty: no ${noun} is mapped to the input`;
  const named = inputColumns.map((column) => `“${column}”`).join(", ");
  const present = inputColumns.some((column) => Object.hasOwn(row, column));
  if (!present) return `input is empty: the row has no ${noun} ${named}`;
  return `input is empty: ${noun} ${named} ${inputColumns.length > 1 ? "are" : "is"} ${format === "csv" ? "empty" : "empty or null"}`;
}
