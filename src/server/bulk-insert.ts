import type { Prisma } from "@/generated/prisma/client";
import { toStoredJsonText, wellFormedText } from "@/lib/json";
import { retryWhileBusy } from "./db-busy";
import { sqliteDriver, type SqliteDriver } from "./db";
import { dialect, type Dialect } from "./dialect";
import { env } from "./env";

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
 * On SQLite the statements run on the driver under the Prisma client
 * (sqliteDriver in ./db.ts), inside the caller's transaction: through Prisma's
 * raw query path, compiling the parameters of one 1,000-row INSERT took about
 * 20 ms of the thread, which is most of what held other requests behind a
 * bulk add. On PostgreSQL they go through the transaction's Prisma client,
 * one array per column cast to the column's type and turned into rows by
 * `unnest` (PostgreSQL's limit of 65,535 parameters never applies).
 */

/** A column's type, as the row's values are given: `json` stores JSON null as JSON; `json?` stores null (or undefined) as SQL NULL. */
export type ColumnType = "text" | "int" | "float" | "bool" | "json" | "json?" | "timestamp";
/** Columns in order, name → type. */
export type Columns = Record<string, ColumnType>;

/** Parameters per SQLite statement (it allows more; this bounds one statement's size). */
const MAX_PARAMETERS = 30_000;

export async function insertRows(tx: Prisma.TransactionClient, table: string, columns: Columns, rows: unknown[][]): Promise<void> {
  const driver = dialect === "sqlite" ? sqliteDriver() : null;
  for (const [sql, values] of statements(dialect, table, columns, rows, "")) {
    if (driver) await onDriver(() => prepared(driver, sql).run(...values));
    else await tx.$executeRawUnsafe(sql, ...values);
  }
}

/**
 * Like insertRows, but a row that would break a unique constraint is skipped
 * instead of failing the statement. Returns the ids of the rows inserted
 * (standard `ON CONFLICT DO NOTHING ... RETURNING`, in SQLite and PostgreSQL).
 */
export async function insertRowsSkippingConflicts(tx: Prisma.TransactionClient, table: string, columns: Columns, rows: unknown[][]): Promise<string[]> {
  const inserted: string[] = [];
  const driver = dialect === "sqlite" ? sqliteDriver() : null;
  for (const [sql, values] of statements(dialect, table, columns, rows, ` ON CONFLICT DO NOTHING RETURNING "id"`)) {
    const returned = driver
      ? await onDriver(() => prepared(driver, sql).all(...values) as { id: string }[])
      : await tx.$queryRawUnsafe<{ id: string }[]>(sql, ...values);
    for (const row of returned) inserted.push(row.id);
  }
  return inserted;
}

/** A statement on the driver, waiting for SQLite's lock as a Prisma statement would (./db-busy.ts). */
function onDriver<T>(statement: () => T): Promise<T> {
  return retryWhileBusy(async () => statement(), env.TRIALRUN_DB_WRITE_WAIT_MS);
}

/** Prepared statements by SQL text: a batch of results or items has few distinct shapes. */
const preparedStatements = new WeakMap<SqliteDriver, Map<string, ReturnType<SqliteDriver["prepare"]>>>();
const MAX_PREPARED = 64;
function prepared(driver: SqliteDriver, sql: string) {
  let cache = preparedStatements.get(driver);
  if (!cache) preparedStatements.set(driver, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= MAX_PREPARED) cache.clear();
    statement = driver.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
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
