import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { api } from "@/test/caller";
import { openSqlite, type SqliteConnection } from "@/test/sqlite";
import { db, ensureDbReady } from "./db";
import { isDatabaseBusy } from "./db-busy";
import { env, sqliteFilePath } from "./env";

/**
 * Another process holding SQLite's write lock (here: a second connection with
 * BEGIN IMMEDIATE, as a sqlite3 shell or a second instance would) must neither
 * freeze this process's thread nor turn a write into a 500.
 */
let other: SqliteConnection;

beforeAll(async () => {
  await ensureDbReady();
  await api().datasets.list({});
});

afterEach(() => {
  if (other?.inTransaction) other.exec("ROLLBACK");
  other?.close();
});

function holdWriteLock(): void {
  other = openSqlite(sqliteFilePath());
  other.exec("BEGIN IMMEDIATE");
}

/** The longest gap between ticks of a 10 ms timer while `work` runs: how long this thread was blocked. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ stallMs: number; result: PromiseSettledResult<T> }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  const [result] = await Promise.allSettled([work()]);
  clearInterval(timer);
  return { stallMs, result };
}

describe("a write while another connection holds the write lock", () => {
  it("waits with the thread free and goes through once the lock is released", async () => {
    holdWriteLock();
    setTimeout(() => other.exec("COMMIT"), 1_500);
    const { stallMs, result } = await longestStall(() => api().datasets.create({ name: "created while locked" }));
    expect(result.status).toBe("fulfilled");
    expect(await db.dataset.count({ where: { name: "created while locked" } })).toBe(1);
    // Before: one synchronous wait of up to 10 s on this thread. Now each
    // statement waits at most 50 ms before the thread is free again.
    expect(stallMs).toBeLessThan(500);
  });

  it("answers a retryable SERVICE_UNAVAILABLE naming the cause after TRIALRUN_DB_WRITE_WAIT_MS, and writes nothing", async () => {
    holdWriteLock();
    const started = Date.now();
    const { stallMs, result } = await longestStall(() => api().datasets.create({ name: "never written" }));
    expect(result.status).toBe("rejected");
    const error = (result as PromiseRejectedResult).reason as TRPCError;
    expect(error).toBeInstanceOf(TRPCError);
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(error.message).toMatch(/database is busy: another process holds its write lock/);
    expect(error.message).toMatch(/try again/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(env.TRIALRUN_DB_WRITE_WAIT_MS);
    expect(stallMs).toBeLessThan(500);
    other.exec("ROLLBACK");
    expect(await db.dataset.count({ where: { name: "never written" } })).toBe(0);
  });

  it("reads go on while the lock is held (WAL)", async () => {
    holdWriteLock();
    const { stallMs, result } = await longestStall(() => api().datasets.list({}));
    expect(result.status).toBe("fulfilled");
    expect(stallMs).toBeLessThan(500);
  });

  it("recognises every form of SQLITE_BUSY, and nothing else", async () => {
    holdWriteLock();
    const raw = openSqlite(sqliteFilePath(), { timeout: 0 });
    try {
      raw.exec("BEGIN IMMEDIATE");
    } catch (error) {
      expect(isDatabaseBusy(error)).toBe(true);
    } finally {
      raw.close();
    }
    expect(isDatabaseBusy(new Error("database is locked, but not an SQLite error"))).toBe(false);
    expect(isDatabaseBusy({ code: "P2002" })).toBe(false);
    expect(isDatabaseBusy({ code: "P1008", meta: { driverAdapterError: { cause: { originalCode: "SQLITE_BUSY" } } } })).toBe(true);
    expect(isDatabaseBusy({ code: "SQLITE_BUSY_SNAPSHOT" })).toBe(true);
  });
});
