import type { Prisma } from "@/generated/prisma/client";
import { toStoredJsonText, wellFormedText } from "@/lib/json";
import { retryWhileBusy } from "./db-busy";
import { sqliteDriver, type SqliteDriver } from "./db";
import { env } from "./env";

/**
 * Many rows in one multi-row INSERT. Prisma's createMany on the SQLite driver
 * adapter writes about 7,000 rows/s here; one statement with many VALUES
 * tuples writes about 8× that, which is what lets a run's results keep up
 * with a fast target. Values must already be in the column's stored form
 * (see `sqliteValue`). SQLite is the provider this schema uses; the statement
 * itself is standard SQL. The statements run on the driver under the Prisma
 * client (sqliteDriver in ./db.ts), inside the caller's transaction: through
 * Prisma's raw query path, compiling the parameters of one 1,000-row INSERT
 * took about 20 ms of the thread, which is most of what held other requests
 * behind a bulk add.
 */
const MAX_PARAMETERS = 30_000;

export type SqlValue = string | number | null;

export async function insertRows(tx: Prisma.TransactionClient, table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
  const driver = sqliteDriver();
  for (const [sql, values] of statements(table, columns, rows, "")) {
    if (driver) await onDriver(() => prepared(driver, sql).run(...values));
    else await tx.$executeRawUnsafe(sql, ...values);
  }
}

/**
 * Like insertRows, but a row that would break a unique constraint is skipped
 * instead of failing the statement. Returns the ids of the rows inserted
 * (standard `ON CONFLICT DO NOTHING ... RETURNING`, in SQLite and PostgreSQL).
 */
export async function insertRowsSkippingConflicts(tx: Prisma.TransactionClient, table: string, columns: string[], rows: SqlValue[][]): Promise<string[]> {
  const inserted: string[] = [];
  const driver = sqliteDriver();
  for (const [sql, values] of statements(table, columns, rows, ` ON CONFLICT DO NOTHING RETURNING "id"`)) {
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

function* statements(table: string, columns: string[], rows: SqlValue[][], suffix: string): Generator<[string, SqlValue[]]> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    // The engine refuses a lone surrogate in any parameter, PostgreSQL a NUL in text: text columns
    // hold well-formed text (JSON text from sqliteValue.json has both escaped, so it passes unchanged).
    yield [head + chunk.map(() => tuple).join(", ") + suffix, chunk.flat().map((v) => (typeof v === "string" ? wellFormedText(v) : v))];
  }
}

/**
 * How Prisma stores values in SQLite: JSON as text (after the storage rule,
 * toStoredJsonText in src/lib/json.ts — the same rule as Prisma writes, so a
 * row reads back the same whichever way it was written),
 * booleans as 0/1, dates as ISO text with an offset.
 */
export const sqliteValue = {
  json: (value: unknown): string | null => (value === null || value === undefined ? null : toStoredJsonText(value)),
  bool: (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0),
  date: (value: Date): string => value.toISOString().replace("Z", "+00:00"),
};
