import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { processSingleton } from "@/lib/process-singleton";
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
 * already-resolved promises, and the adapter runs one transaction at a time,
 * handing its lock to the next waiter in a microtask. So a queue of
 * transactions (a batch of 20 bulk adds, an import's stages) ran back to back
 * without ever returning to the event loop: /api/health waited 1.8 s behind
 * such a batch. Transactions are queued here instead, with a turn of the event
 * loop before each, so other requests are answered between them. (Not inside a
 * transaction: a plain query let in there would run on its connection.)
 */
function yieldingBeforeTransactions(client: PrismaClient): PrismaClient {
  let queue: Promise<unknown> = Promise.resolve();
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== "$transaction") return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<PrismaClient["$transaction"]>) => {
        const run = queue
          .catch(() => {})
          .then(nextTurn)
          .then(() => (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args));
        queue = run;
        return run;
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
