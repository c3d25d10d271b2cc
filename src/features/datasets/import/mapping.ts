import { z } from "zod";
import { isJsonValue, type JsonValue } from "@/lib/json";

/**
 * How a file's columns (CSV) or top-level keys (JSON, JSONL) become item
 * fields: each goes to the input, the expected output or the metadata —
 * whole, or at a dot path inside it — or is ignored.
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

export const importMappingSchema = z.object({
  columns: z.record(z.string().max(500), columnTargetSchema),
  /** CSV only: a cell that holds valid JSON (`{"a":1}`, `42`, `true`, `"text"`) is stored as that JSON. */
  parseJsonCells: z.boolean().default(true),
});
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const IMPORT_FORMATS = ["csv", "json", "jsonl"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The mapping used when none is given: the usual column names, the rest into metadata. */
export function defaultMapping(columns: string[]): ImportMapping {
  const mapped: ImportMapping["columns"] = {};
  for (const column of columns) {
    const key = column.trim().toLowerCase().replace(/[\s_-]+/g, "");
    if (["itemid", "ordinal", "version"].includes(key)) mapped[column] = { to: "ignore", path: "" };
    else if (key === "input") mapped[column] = { to: "input", path: "" };
    else if (["expectedoutput", "expected", "output", "answer", "reference"].includes(key)) mapped[column] = { to: "expectedOutput", path: "" };
    else if (key === "metadata") mapped[column] = { to: "metadata", path: "" };
    else mapped[column] = { to: "metadata", path: column.replace(/[^A-Za-z0-9_$-]/g, "_") || "column" };
  }
  return { columns: mapped, parseJsonCells: true };
}

/**
 * Undoes the spreadsheet-formula guard of our CSV export: a leading apostrophe
 * added before = + - @ or another apostrophe is removed.
 */
export function unguardCell(cell: string): string {
  return /^'[=+\-@']/.test(cell) ? cell.slice(1) : cell;
}

function cellValue(raw: unknown, parseJson: boolean): JsonValue {
  if (typeof raw !== "string") return isJsonValue(raw) ? raw : null;
  const text = unguardCell(raw);
  if (!parseJson) return text;
  const trimmed = text.trim();
  if (trimmed === "") return text;
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch {
    return text;
  }
}

function setAt(target: Record<string, JsonValue>, path: string, value: JsonValue) {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, JsonValue>;
  }
  node[keys[keys.length - 1]!] = value;
}

export interface MappedItem {
  input: JsonValue | undefined;
  expectedOutput: JsonValue | undefined;
  metadata: Record<string, JsonValue> | undefined;
}

/** One row (column → raw value) as item fields. */
export function applyMapping(row: Record<string, unknown>, mapping: ImportMapping, csv: boolean): MappedItem {
  const fields: { input?: JsonValue; expectedOutput?: JsonValue; metadata?: JsonValue } = {};
  for (const [column, raw] of Object.entries(row)) {
    const target = mapping.columns[column];
    if (!target || target.to === "ignore") continue;
    if (csv && raw === "") continue;
    const value = cellValue(raw, csv ? mapping.parseJsonCells : false);
    if (target.path === "") {
      fields[target.to] = value;
    } else {
      const current = fields[target.to];
      const container = current !== null && typeof current === "object" && !Array.isArray(current) ? (current as Record<string, JsonValue>) : {};
      setAt(container, target.path, value);
      fields[target.to] = container;
    }
  }
  const metadata = fields.metadata;
  return {
    input: fields.input,
    expectedOutput: fields.expectedOutput,
    metadata: metadata === undefined || metadata === null ? undefined : metadata !== null && typeof metadata === "object" && !Array.isArray(metadata) ? (metadata as Record<string, JsonValue>) : { value: metadata },
  };
}
