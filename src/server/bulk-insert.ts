import type { Prisma } from "@/generated/prisma/client";
import { fromStoredJson, toStoredJsonText, wellFormedText, type JsonValue } from "@/lib/json";
import { isSql, sqlOnPrismaTransaction, type Sql } from "./driver-sql";
import { dialect, type Dialect } from "./dialect";

/**
 * Many rows in one multi-row INSERT, on SQLite and PostgreSQL alike: the one
 * place where rows are written by hand-written SQL (the hot paths: item adds,
 * import staging, result writes). Prisma's createMany on the SQLite driver
 * adapter writes about 7,000 rows/s here; one statement with many VALUES
 * tuples writes about 8× that, which is what lets a run's results keep up
 * with a fast target.
 *
 * Callers give plain values and each column's type; the value's stored form
 * is chosen here per database (`encode`), the same form Prisma itself
 * writes, so a row reads back the same whichever way it was written.
 *
 * The statements run on the driver (./driver-sql.ts): in a driver
 * transaction, or in the caller's Prisma transaction (on SQLite on the
 * connection under it; on PostgreSQL through its raw queries). On PostgreSQL
 * each column's values travel as one array, cast to the column's type and
 * turned into rows by `unnest` (PostgreSQL's limit of 65,535 parameters never
 * applies, and the statement's text is the same whatever the number of rows).
 */

/** A column's type, as the row's values are given: `json` stores JSON null as JSON; `json?` stores null (or undefined) as SQL NULL. */
export type ColumnType = "text" | "int" | "float" | "bool" | "json" | "json?" | "timestamp";
/** Columns in order, name → type. */
export type Columns = Record<string, ColumnType>;

/** Parameters per SQLite statement (it allows more; this bounds one statement's size). */
const MAX_PARAMETERS = 30_000;

/** Where rows are written: a driver transaction (./driver-sql.ts), or a Prisma client or transaction (its connection's driver on SQLite). */
export type RowTarget = Sql | Prisma.TransactionClient;

export async function insertRows(target: RowTarget, table: string, columns: Columns, rows: unknown[][]): Promise<void> {
  const sql = isSql(target) ? target : sqlOnPrismaTransaction(target);
  for (const [text, values] of statements(dialect, table, columns, rows, "")) await sql.run(text, values);
}

/**
 * Like insertRows, but a row that would break a unique constraint is skipped
 * instead of failing the statement. Returns the ids of the rows inserted
 * (standard `ON CONFLICT DO NOTHING ... RETURNING`, in SQLite and PostgreSQL).
 */
export async function insertRowsSkippingConflicts(target: RowTarget, table: string, columns: Columns, rows: unknown[][]): Promise<string[]> {
  const sql = isSql(target) ? target : sqlOnPrismaTransaction(target);
  const inserted: string[] = [];
  for (const [text, values] of statements(dialect, table, columns, rows, ` ON CONFLICT DO NOTHING RETURNING "id"`)) {
    for (const row of await sql.rows<{ id: string }>(text, values)) inserted.push(row.id);
  }
  return inserted;
}

/** PostgreSQL's name for each column type, for the placeholder's cast. */
const POSTGRES_TYPE: Record<ColumnType, string> = {
  text: "text",
  int: "integer",
  float: "double precision",
  bool: "boolean",
  // json, not jsonb: see prisma/postgres-schema.mjs.
  json: "json",
  "json?": "json",
  timestamp: "timestamp(3)",
};

/** The INSERT statements for `rows` on `to`, each with its parameters. Exported for tests. */
export function* statements(to: Dialect, table: string, columns: Columns, rows: unknown[][], suffix: string): Generator<[string, SqlValue[] | SqlValue[][]]> {
  const names = Object.keys(columns);
  const types = Object.values(columns);
  const head = `INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(", ")}) `;
  if (to === "postgres") {
    // One array per column, whatever the number of rows: `unnest` turns them
    // back into rows. Far fewer parameters to pass and plan than VALUES tuples.
    for (let start = 0; start < rows.length; start += POSTGRES_ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + POSTGRES_ROWS_PER_STATEMENT);
      const arrays = types.map((type, i) => chunk.map((row) => encode(to, type, row[i])));
      const unnest = types.map((type, i) => `$${i + 1}::${POSTGRES_TYPE[type]}[]`).join(", ");
      yield [`${head}SELECT * FROM unnest(${unnest})${suffix}`, arrays];
    }
    return;
  }
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / names.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: SqlValue[] = [];
    const tuple = `(${names.map(() => "?").join(", ")})`;
    for (const row of chunk) for (let i = 0; i < types.length; i++) values.push(encode(to, types[i]!, row[i]));
    yield [`${head}VALUES ${chunk.map(() => tuple).join(", ")}${suffix}`, values];
  }
}

/** Rows per statement on PostgreSQL (its arrays have no parameter limit; this bounds one statement's size). */
const POSTGRES_ROWS_PER_STATEMENT = 5_000;

export type SqlValue = string | number | boolean | null;

/**
 * A value in its column's stored form:
 * - JSON as text after the storage rule (toStoredJsonText in src/lib/json.ts,
 *   the rule Prisma writes use too; its text has lone surrogates and NUL escaped);
 * - text well-formed: SQLite's engine refuses a lone surrogate in a parameter,
 *   PostgreSQL a NUL in text (both become U+FFFD, as documented);
 * - on SQLite, booleans as 0/1 and timestamps as ISO text with an offset, as
 *   Prisma stores them there; on PostgreSQL, booleans as such and timestamps
 *   as UTC text for the `timestamp(3)` cast.
 */
function encode(to: Dialect, type: ColumnType, value: unknown): SqlValue {
  if (value === undefined) return null;
  switch (type) {
    case "json":
      return toStoredJsonText(value);
    case "json?":
      return value === null ? null : toStoredJsonText(value);
    case "text":
      return value === null ? null : wellFormedText(String(value));
    case "bool":
      return value === null ? null : to === "sqlite" ? (value ? 1 : 0) : Boolean(value);
    case "timestamp": {
      if (value === null) return null;
      const iso = (value instanceof Date ? value : new Date(String(value))).toISOString();
      return to === "sqlite" ? iso.replace("Z", "+00:00") : iso.replace("T", " ").replace("Z", "");
    }
    default:
      return value === null ? null : Number(value);
  }
}

/** A single value in its column's stored form on this database, for hand-written statements (./driver-sql.ts). */
export function sqlValue(type: ColumnType, value: unknown): SqlValue {
  return encode(dialect, type, value);
}

/**
 * A JSON column as a hand-written SELECT returns it (./driver-sql.ts), back to
 * the value written: SQLite gives the stored text, pg the parsed stored form;
 * SQL NULL is null.
 */
export function jsonFromColumn(stored: unknown): JsonValue | null {
  if (stored === null || stored === undefined) return null;
  return fromStoredJson(dialect === "sqlite" ? (JSON.parse(stored as string) as unknown) : stored) as JsonValue;
}

/** A timestamp column read as text (driver-sql.ts `timestampAsText`) back to a Date; SQL NULL is null. */
export function dateFromColumn(stored: unknown): Date | null {
  return stored === null || stored === undefined ? null : new Date(stored as string);
}

/** A boolean column: 0/1 on SQLite, a boolean from pg; SQL NULL is null. */
export function boolFromColumn(stored: unknown): boolean | null {
  return stored === null || stored === undefined ? null : Boolean(stored);
}
