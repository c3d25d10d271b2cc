import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { env, sqliteFilePath } from "./env";

export type Db = PrismaClient;

function createDb(): Db {
  const file = sqliteFilePath(env.DATABASE_URL);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // busy timeout: concurrent writers wait for the lock instead of failing
  // with "database is locked".
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { trialrunDb?: Db; trialrunDbReady?: Promise<void> };

/** The process-wide Prisma client (one per process, reused across hot reloads). */
export const db: Db = globalForDb.trialrunDb ?? createDb();
if (env.NODE_ENV !== "production") globalForDb.trialrunDb = db;

/**
 * WAL lets readers (the polling dashboard) proceed while a run writes;
 * synchronous=NORMAL is the usual durable-enough pairing with WAL.
 */
export function ensureDbReady(): Promise<void> {
  globalForDb.trialrunDbReady ??= (async () => {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  })();
  return globalForDb.trialrunDbReady;
}
