import type { PrismaClient } from "@/generated/prisma/client";
import { sleep } from "@/lib/sleep";
import { AppError } from "./errors";

/**
 * SQLite has one write lock per database file. While another process holds it
 * (the engine worker writing a batch of results, a second instance, a
 * `sqlite3` shell, a backup), a write waits. better-sqlite3 waits inside
 * SQLite's busy handler, synchronously: on the web server's only thread, a
 * long wait there froze every request. So the web server waits only briefly
 * per statement (BUSY_WAIT_PER_STATEMENT_MS below, in db.ts) and retries the
 * statement with the thread free in between, until TRIALRUN_DB_WRITE_WAIT_MS
 * have passed; then the request answers a retryable 503 (databaseBusy), not
 * a 500.
 */

/** How long one statement waits for the write lock on the web server's thread. */
export const BUSY_WAIT_PER_STATEMENT_MS = 50;
/** In the engine worker, a statement may wait as long as it needs: no request waits on its thread. */
export const WORKER_BUSY_WAIT_PER_STATEMENT_MS = 10_000;

function busyCode(error: unknown): string | null {
  // Prisma reports a lock wait that timed out as P1008 with the driver's code
  // in meta.driverAdapterError.cause.originalCode, and a write that lost its
  // snapshot (SQLITE_BUSY_SNAPSHOT) with the SQLite code as its own code.
  let node: unknown = error;
  for (let depth = 0; depth < 5 && node !== null && typeof node === "object"; depth++) {
    const record = node as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } }; cause?: unknown };
    const original = record.meta?.driverAdapterError?.cause?.originalCode;
    if (typeof original === "string" && original.startsWith("SQLITE_BUSY")) return original;
    if (typeof record.code === "string" && record.code.startsWith("SQLITE_BUSY")) return record.code;
    node = record.cause;
  }
  return null;
}

/** Whether an error means that another connection held SQLite's lock (any form of SQLITE_BUSY). */
export function isDatabaseBusy(error: unknown): boolean {
  return busyCode(error) !== null;
}

/** The error a request answers when the database stayed busy: 503, and worth retrying. */
export function databaseBusy(cause?: unknown): AppError {
  return new AppError(
    "SERVICE_UNAVAILABLE",
    "The database is busy: another process holds its write lock (a large import, a second instance or an open sqlite3 shell). Nothing was changed; try again in a moment.",
    { cause },
  );
}

/**
 * The Prisma client with a statement retried while SQLite is busy, with the
 * thread free between tries. Only plain SQLITE_BUSY is retried: a statement
 * that could not get the lock changed nothing and may run again. A
 * transaction whose snapshot went stale (SQLITE_BUSY_SNAPSHOT) must start
 * over as a whole, so that one ends the request at once as databaseBusy.
 */
export function withBusyRetry(client: PrismaClient, options: { waitMs: number }): PrismaClient {
  const extended = client.$extends({
    query: {
      $allOperations: ({ args, query }) => retryWhileBusy(() => query(args), options.waitMs),
    },
  });
  // A query extension changes no types: the extended client has the same API.
  return extended as unknown as PrismaClient;
}

/** Runs one statement, again while SQLite is busy (see withBusyRetry), for at most `waitMs`. */
export async function retryWhileBusy<T>(statement: () => Promise<T>, waitMs: number): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await statement();
    } catch (error) {
      const code = busyCode(error);
      if (code === null) throw error;
      const waited = Date.now() - started;
      if (code !== "SQLITE_BUSY" || waited >= waitMs) throw databaseBusy(error);
      // Short, growing, jittered pauses: other requests run meanwhile.
      await sleep(Math.min(200, 10 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random()));
    }
  }
}
