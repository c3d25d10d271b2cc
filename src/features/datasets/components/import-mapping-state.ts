import { setOwn } from "@/lib/json-path";
import { columnTargetSchema, mappingProblems, targetOf, type ColumnTarget, type ImportMapping } from "../import/mapping";

/*
 * The import dialog's mapping state, keyed by column name. Column names come
 * from the file, so `__proto__`, `constructor` and `toString` are names like
 * any other: errors are a Map, and mapping entries are read and written as
 * own properties only (an inherited `constructor` is never a column's target,
 * a `__proto__` column never sets a prototype).
 */

const IGNORED: ColumnTarget = { to: "ignore", path: "" };

/** A column's target in the mapping; a column it does not name is ignored. */
export function columnTarget(mapping: ImportMapping, column: string): ColumnTarget {
  return targetOf(mapping, column) ?? IGNORED;
}

/** The mapping with one column's target changed (a new object: React state). */
export function withColumn(mapping: ImportMapping, column: string, patch: Partial<ColumnTarget>): ImportMapping {
  const columns: ImportMapping["columns"] = { ...mapping.columns };
  setOwn(columns, column, { ...columnTarget(mapping, column), ...patch });
  return { ...mapping, columns };
}

/** Per column, the first problem with its mapping: a path that is not a dot path, or one column overwriting another. */
export function mappingErrors(mapping: ImportMapping | null): Map<string, string> {
  const errors = new Map<string, string>();
  if (!mapping) return errors;
  for (const [column, target] of Object.entries(mapping.columns)) {
    const parsed = columnTargetSchema.safeParse(target);
    if (!parsed.success) errors.set(column, `Path ${parsed.error.issues[0]?.message ?? "is invalid"}`);
  }
  for (const [column, message] of Object.entries(mappingProblems(mapping))) if (!errors.has(column)) errors.set(column, message);
  return errors;
}

/** Whether some column goes to the input (an item needs one). */
export function mapsInput(mapping: ImportMapping | null): boolean {
  return mapping !== null && Object.values(mapping.columns).some((target) => target.to === "input");
}

/** Whether a previewed file can be imported with this mapping: something goes to the input and no column has a problem. */
export function mappingReady(mapping: ImportMapping | null): boolean {
  return mapsInput(mapping) && mappingErrors(mapping).size === 0;
}
