import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { processSingleton } from "@/lib/process-singleton";
import { withStoredJson } from "./prisma-json";
import { env, sqliteFilePath } from "./env";

export type Db = PrismaClient;

function createDb(): Db {
  const file = sqliteFilePath(env.DATABASE_URL);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // busy timeout: concurrent writers wait for the lock instead of failing
  // with "database is locked".
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
  // Every model operation applies the JSON storage rule (src/server/prisma-json.ts).
  return withStoredJson(new PrismaClient({ adapter }));
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
