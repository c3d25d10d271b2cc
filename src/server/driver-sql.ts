import type pg from "pg";
import type { Prisma } from "@/generated/prisma/client";
import { retryWhileBusy } from "./db-busy";
import { db, postgresPool, sqliteDriver, type SqliteDriver } from "./db";
import { dialect } from "./dialect";
import { env } from "./env";

/**
 * Statements on the database driver itself, for the hot write paths (result
 * writes, item adds, import staging): better-sqlite3 on SQLite, pg on
 * PostgreSQL. Prisma stays for everything else. Through Prisma, each raw
 * statement's parameters cross into its query compiler and back out: on
 * SQLite about 20 ms of the thread per 1,000-row INSERT, and on PostgreSQL
 * the engine spent 0.19–0.22 ms of CPU per result, 2.5× SQLite's figure.
 *
 * Statements are written once with `?` placeholders (`sqlText` numbers them
 * for PostgreSQL) and values in their stored form (bulk-insert.ts `encode`).
 */
const SQL = Symbol("driver sql");

export interface Sql {
  readonly [SQL]: true;
  /** The rows the statement returns (SELECT, or RETURNING). */
  rows<T>(text: string, values: readonly unknown[]): Promise<T[]>;
  /** How many rows the statement changed. */
  run(text: string, values: readonly unknown[]): Promise<number>;
}

export function isSql(value: unknown): value is Sql {
  return typeof value === "object" && value !== null && SQL in value;
}

/** A statement written with `?` placeholders, in this database's form (`$1`, `$2`, … on PostgreSQL). */
export function sqlText(text: string): string {
  if (dialect === "sqlite") return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/**
 * A timestamp column as ISO text (`new Date()` reads it back): SQLite stores
 * the text Prisma wrote; pg would turn PostgreSQL's `timestamp(3)` (UTC,
 * without a zone) into a Date in the host's local zone.
 */
export function timestampAsText(column: string): string {
  return dialect === "sqlite" ? column : `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** `column` is one of a list given as one parameter (sqlList): an array on PostgreSQL, JSON text on SQLite; one statement text for any length. */
export function sqlIn(column: string): string {
  return dialect === "sqlite" ? `${column} IN (SELECT value FROM json_each(?))` : `${column} = ANY(?)`;
}

export function sqlList(values: readonly (string | number)[]): string | readonly (string | number)[] {
  return dialect === "sqlite" ? JSON.stringify(values) : values;
}

/**
 * One transaction on the driver. On SQLite it is a Prisma transaction whose
 * statements run on the connection under the client (so it takes turns and
 * waits for the write lock as every Prisma write does, db.ts); on PostgreSQL
 * a pooled connection from the pool Prisma uses too, between BEGIN and COMMIT.
 */
export async function driverTransaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  if (dialect === "sqlite") return db.$transaction(() => work(sqliteSql()));
  const client = await postgresPool().connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(postgresSql(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      // A connection that cannot even roll back is not given back to the pool.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Statements on the driver outside a transaction (reads): on PostgreSQL each on a connection of the pool. */
export function driverSql(): Sql {
  return dialect === "sqlite" ? sqliteSql() : postgresSql(postgresPool());
}

/**
 * The driver under a Prisma transaction: on SQLite the connection itself (a
 * statement prepared on it inside the transaction's callback is part of it);
 * on PostgreSQL the transaction's raw queries, since Prisma holds that
 * transaction's connection.
 */
export function sqlOnPrismaTransaction(tx: Prisma.TransactionClient): Sql {
  if (dialect === "sqlite") return sqliteSql();
  return {
    [SQL]: true,
    rows: <T>(text: string, values: readonly unknown[]) => tx.$queryRawUnsafe<T[]>(text, ...values),
    run: (text, values) => tx.$executeRawUnsafe(text, ...values),
  };
}

function sqliteSql(): Sql {
  const driver = sqliteDriver();
  if (!driver) throw new Error("The SQLite driver is not connected yet (db.ts sets it when Prisma connects).");
  return {
    [SQL]: true,
    rows: <T>(text: string, values: readonly unknown[]) => onDriver(() => prepared(driver, text).all(...values) as T[]),
    run: (text, values) => onDriver(() => prepared(driver, text).run(...values).changes),
  };
}

/** A statement on the driver, waiting for SQLite's lock as a Prisma statement would (./db-busy.ts). */
function onDriver<T>(statement: () => T): Promise<T> {
  return retryWhileBusy(async () => statement(), env.TRIALRUN_DB_WRITE_WAIT_MS);
}

/** Prepared statements by SQL text: a batch of results or items has few distinct shapes. */
const preparedStatements = new WeakMap<SqliteDriver, Map<string, ReturnType<SqliteDriver["prepare"]>>>();
const MAX_PREPARED = 64;
function prepared(driver: SqliteDriver, text: string) {
  let cache = preparedStatements.get(driver);
  if (!cache) preparedStatements.set(driver, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) {
    if (cache.size >= MAX_PREPARED) cache.clear();
    statement = driver.prepare(text);
    // The connection reads integers as BigInt (Prisma's adapter sets it); our Int columns are 32-bit, so plain numbers, as pg gives them.
    statement.safeIntegers(false);
    cache.set(text, statement);
  }
  return statement;
}

/**
 * Statements on a pooled PostgreSQL connection, each prepared once per
 * connection under a name taken from its text (the hot statements have a few
 * fixed texts: rows travel as arrays, not as more placeholders), so the
 * server parses and plans it once rather than at every batch.
 */
function postgresSql(on: pg.Pool | pg.PoolClient): Sql {
  const query = (text: string, values: readonly unknown[]) => on.query({ name: statementName(text), text, values: values as unknown[] });
  return {
    [SQL]: true,
    rows: async <T>(text: string, values: readonly unknown[]) => (await query(text, values)).rows as T[],
    run: async (text, values) => (await query(text, values)).rowCount ?? 0,
  };
}

const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    if (statementNames.size >= 256) statementNames.clear();
    name = `trialrun_${statementNames.size}_${hash(text)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** FNV-1a, as hex: with the counter, a name no other statement text gets. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}
