import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { processSingleton } from "@/lib/process-singleton";
import { yieldToEventLoop } from "@/lib/yield";
import { BUSY_WAIT_PER_STATEMENT_MS, withBusyRetry, WORKER_BUSY_WAIT_PER_STATEMENT_MS } from "./db-busy";
import { withStoredJson } from "./prisma-json";
import { env, sqliteFilePath } from "./env";

export type Db = PrismaClient;

function createDb(): Db {
  const file = sqliteFilePath(env.DATABASE_URL);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Busy timeout: a writer waits for the lock instead of failing with
  // "database is locked" — briefly on the web server's thread, then again
  // with the thread free (src/server/db-busy.ts says why).
  const timeout = process.env.TRIALRUN_ENGINE_WORKER === "1" ? WORKER_BUSY_WAIT_PER_STATEMENT_MS : BUSY_WAIT_PER_STATEMENT_MS;
  const adapter = new PrismaBetterSQLite3({ url: file, timeout });
  // Every model operation applies the JSON storage rule (src/server/prisma-json.ts).
  return yieldingBeforeTransactions(withBusyRetry(withStoredJson(new PrismaClient({ adapter })), { waitMs: env.TRIALRUN_DB_WRITE_WAIT_MS }));
}

/**
 * SQLite calls through the driver adapter are synchronous and answer with
 * already-resolved promises, so a chain of transactions (a batch of bulk adds,
 * an import's stages, a run's flushes) runs in microtasks without ever
 * returning to the event loop: a batch of 20 bulk adds held /api/health for
 * 3.2 s. Every transaction first gives the event loop a turn once the thread
 * has worked for a few milliseconds (src/lib/yield.ts). Not inside a
 * transaction: a plain query let in there would run on the transaction's
 * connection, inside it.
 */
function yieldingBeforeTransactions(client: PrismaClient): PrismaClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== "$transaction") return Reflect.get(target, property, receiver) as unknown;
      return async (...args: Parameters<PrismaClient["$transaction"]>) => {
        await yieldToEventLoop();
        return (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
      };
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
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  })();
  return ready.promise;
}
