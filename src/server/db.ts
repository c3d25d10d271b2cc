import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-pg/client";
import { processSingleton } from "@/lib/process-singleton";
import { Turns, webServerTurns } from "./turns";
import { BUSY_WAIT_PER_STATEMENT_MS, withBusyRetry, WORKER_BUSY_WAIT_PER_STATEMENT_MS } from "./db-busy";
import { withStoredJson } from "./prisma-json";
import { dialect } from "./dialect";
import { env, sqliteFilePath } from "./env";
import { logger } from "./logger";

/**
 * The Prisma client. Its type is the SQLite client's; on PostgreSQL the
 * client generated from prisma/postgres/schema.prisma (the same models, from
 * the same source) stands in for it.
 */
export type Db = PrismaClient;

/** Connections each process keeps to PostgreSQL (N web instances and M workers must stay under the server's max_connections). */
const POSTGRES_POOL_SIZE = 5;

/** The part of a better-sqlite3 connection that the hot write paths use (src/server/bulk-insert.ts). */
export interface SqliteDriver {
  prepare(sql: string): { run(...params: unknown[]): { changes: number }; all(...params: unknown[]): unknown[]; safeIntegers(on: boolean): unknown };
}

/**
 * The connection under the Prisma client. The adapter runs every statement,
 * in a transaction or not, on this one connection, synchronously; so a
 * statement prepared on it inside a Prisma transaction's callback is part of
 * that transaction. Bulk writes use it directly: Prisma's query compiler spent
 * about 20 ms of the thread per 1,000-row raw INSERT.
 */
const driverSlot = processSingleton("sqliteDriver", () => ({ driver: null as SqliteDriver | null }));
export function sqliteDriver(): SqliteDriver | null {
  return driverSlot.driver;
}

class AdapterKeepingDriver extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    driverSlot.driver = (adapter as unknown as { client: SqliteDriver }).client;
    return adapter;
  }
}

/**
 * On PostgreSQL, the connection pool under the Prisma client, which the hot
 * paths also use directly (./driver-sql.ts). It lives as long as the process:
 * Prisma's $disconnect leaves it open, and a later query reconnects through it.
 */
export function postgresPool(): pg.Pool {
  if (dialect !== "postgres") throw new Error("No PostgreSQL pool: DATABASE_URL is not a PostgreSQL URL.");
  return processSingleton("postgresPool", () => {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: POSTGRES_POOL_SIZE });
    // An idle connection the server closed (a restart, a failover) is dropped from the pool; the next query opens another.
    pool.on("error", (error) => logger.warn("an idle PostgreSQL connection closed", { error: error.message }));
    return pool;
  });
}

function createDb(): Db {
  if (dialect === "postgres") {
    const adapter = new PrismaPg(postgresPool());
    // Statements on PostgreSQL wait on the network, not on this thread: no turns needed between transactions.
    return withStoredJson(new PostgresPrismaClient({ adapter }) as unknown as PrismaClient);
  }
  const file = sqliteFilePath(env.DATABASE_URL);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Busy timeout: a writer waits for the lock instead of failing with
  // "database is locked" — briefly on the web server's thread, then again
  // with the thread free (src/server/db-busy.ts says why).
  const isWorker = process.env.TRIALRUN_ENGINE_WORKER === "1";
  const timeout = isWorker ? WORKER_BUSY_WAIT_PER_STATEMENT_MS : BUSY_WAIT_PER_STATEMENT_MS;
  const adapter = new AdapterKeepingDriver({ url: file, timeout });
  // Every model operation applies the JSON storage rule (src/server/prisma-json.ts).
  const client = withBusyRetry(withStoredJson(new PrismaClient({ adapter })), { waitMs: env.TRIALRUN_DB_WRITE_WAIT_MS });
  // The worker serves no requests: its result writes pause only for one turn of the loop.
  return yieldingBeforeTransactions(client, isWorker ? new Turns(0) : webServerTurns);
}

/**
 * SQLite calls through the driver adapter are synchronous and answer with
 * already-resolved promises, and the adapter runs one transaction at a time,
 * handing its lock to the next waiter in a microtask. So a queue of
 * transactions (a batch of bulk adds, an import's stages) ran back to back
 * without ever returning to the event loop: /api/health waited 1.8 s behind
 * such a batch. Transactions take turns instead (./turns.ts); one turn of the
 * loop between them was not enough, as a request needs several (read, route,
 * query, write): health still took 260 ms behind ten 1,000-item bulk adds.
 * (Not inside a transaction: a plain query let in there would run on its connection.)
 */
function yieldingBeforeTransactions(client: PrismaClient, turns: Turns): PrismaClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== "$transaction") return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<PrismaClient["$transaction"]>) => turns.run(() => (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args));
    },
  });
}

/** The process-wide Prisma client (one per process, shared by every bundle and hot reload). */
export const db: Db = processSingleton("db", createDb);
const ready = processSingleton("dbReady", () => ({ promise: null as Promise<void> | null }));

/**
 * WAL lets readers (the polling dashboard) proceed while a run writes;
 * synchronous=NORMAL is the usual durable-enough pairing with WAL.
 */
export function ensureDbReady(): Promise<void> {
  ready.promise ??= (async () => {
    if (dialect !== "sqlite") return;
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  })();
  return ready.promise;
}
