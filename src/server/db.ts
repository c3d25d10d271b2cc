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
  return withBusyRetry(withStoredJson(new PrismaClient({ adapter })), { waitMs: env.TRIALRUN_DB_WRITE_WAIT_MS });
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
