import { newId } from "@/lib/id";
import { boolFromColumn, dateFromColumn, insertRows, sqlValue, type Columns } from "@/server/bulk-insert";
import { driverSql, driverTransaction, sqlText, timestampAsText } from "@/server/driver-sql";
import { env } from "@/server/env";
import { LEASE_OWNER, LEASE_TTL_MS, leaseIsLive } from "./lease";

/**
 * A run's round is split into shards: ranges of item ordinals, each executed
 * by one worker at a time under its own lease, so several workers share a
 * run and a dead worker costs only its shard's unfinished items.
 *
 * The run's concurrency C stays the cap on its target calls in flight, across
 * every worker: at most P shards execute at once, each in one of P slots, and
 * slot i gets its share of C (the shares add up to C). P is 1 where one
 * process executes everything (SQLite) and ceil(C / TRIALRUN_SHARD_CONCURRENCY)
 * where workers share runs (PostgreSQL), at most the number of shards.
 */
/** Target calls in flight that slot `slot` of `slots` may have, of a run's `concurrency`. */
export function slotConcurrency(concurrency: number, slots: number, slot: number): number {
  return Math.floor(concurrency / slots) + (slot < concurrency % slots ? 1 : 0);
}

/** How many slots a run of `concurrency` uses, where `maxSlots` shards may execute at once. */
export function slotsFor(concurrency: number, shardCount: number, maxSlots: number): number {
  return Math.max(1, Math.min(wantedSlots(concurrency, maxSlots), shardCount));
}

function wantedSlots(concurrency: number, maxSlots: number): number {
  return Math.max(1, Math.min(Math.ceil(concurrency / env.TRIALRUN_SHARD_CONCURRENCY), maxSlots, concurrency));
}

/**
 * Results per shard: about 100 calls per slot's share of the concurrency, a
 * few minutes of work, so a takeover repeats little and a run of any size has
 * a bounded number of shards; at least 100 and at most 1,000.
 */
export function shardResults(concurrency: number, maxSlots: number): number {
  const perSlot = Math.ceil(concurrency / wantedSlots(concurrency, maxSlots));
  return env.TRIALRUN_SHARD_SIZE ?? Math.min(1000, Math.max(100, perSlot * 100));
}

interface PlannedRun {
  id: string;
  round: number;
  datasetId: string;
  datasetVersion: number;
  repetitions: number;
  concurrency: number;
  /** How many shards of a run may execute at once where this run executes (its dispatch). */
  maxSlots: number;
}

// Every statement of a shard's life runs on the driver (src/server/driver-sql.ts):
// a run of 100k items has hundreds of shards, each planned, claimed, renewed,
// released and counted by its coordinator, and through Prisma each of those
// statements cost the engine's thread 0.5–0.7 ms in its query compiler alone.

const SHARD_COLUMNS: Columns = {
  id: "text",
  runId: "text",
  round: "int",
  index: "int",
  afterOrdinal: "int",
  lastOrdinal: "int",
  done: "bool",
  slots: "int",
  createdAt: "timestamp",
  updatedAt: "timestamp",
};
const ROUND_SHARD_COUNT = sqlText(`SELECT CAST(COUNT(*) AS INTEGER) AS "count" FROM "RunShard" WHERE "runId" = ? AND "round" = ?`);
const LEASED_SHARDS = sqlText(
  `SELECT "leaseOwner", ${timestampAsText(`"leaseExpiresAt"`)} AS "leaseExpiresAt" FROM "RunShard" WHERE "runId" = ? AND "done" = ? AND "leaseOwner" IS NOT NULL`,
);

const TAKE_RUN_TURN = sqlText(`UPDATE "Run" SET "updatedAt" = ? WHERE "id" = ? RETURNING "status", "round"`);
const OPEN_SHARDS = sqlText(
  `SELECT "id", "index", "afterOrdinal", "lastOrdinal", "slots", "slot", "leaseOwner", ${timestampAsText(`"leaseExpiresAt"`)} AS "leaseExpiresAt"
   FROM "RunShard" WHERE "runId" = ? AND "round" = ? AND "done" = ? ORDER BY "index"`,
);
const TAKE_SHARD = sqlText(`UPDATE "RunShard" SET "leaseOwner" = ?, "leaseExpiresAt" = ?, "slot" = ?, "updatedAt" = ? WHERE "id" = ?`);
const RENEW_SHARD = sqlText(`UPDATE "RunShard" SET "leaseExpiresAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "leaseOwner" = ?`);
const RELEASE_SHARD = sqlText(
  `UPDATE "RunShard" SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "done" = ?, "error" = COALESCE(?, "error"), "updatedAt" = ? WHERE "id" = ? AND "leaseOwner" = ?`,
);
const ROUND_SHARDS = sqlText(
  `SELECT "done", "slots", "leaseOwner", ${timestampAsText(`"leaseExpiresAt"`)} AS "leaseExpiresAt", "error" FROM "RunShard" WHERE "runId" = ? AND "round" = ? ORDER BY "index"`,
);
const SHARD_HAS_RESULT = sqlText(`SELECT "id" FROM "Result" WHERE "runId" = ? AND "ordinal" > ? AND "ordinal" <= ? LIMIT 1`);

/**
 * The last ordinal of each shard of `?` items, of the items at a dataset
 * version (item-service.ts itemsAtVersion), counted in the database: a run of
 * 100k items reads 100 numbers, not 100k rows, before its first call.
 */
const SHARD_ENDS = sqlText(
  `SELECT "ordinal" FROM (
     SELECT "ordinal", ROW_NUMBER() OVER (ORDER BY "ordinal") AS "n", COUNT(*) OVER () AS "total" FROM "DatasetItem"
     WHERE "datasetId" = ? AND "validFrom" <= ? AND ("validTo" IS NULL OR "validTo" > ?)
   ) AS "numbered" WHERE "n" % ? = 0 OR "n" = "total" ORDER BY "ordinal"`,
);

/**
 * Creates the shards of the run's current round, once (a coordinator that
 * takes over finds them). Bounds come from the items at the run's pinned
 * version, in dataset order. Returns how many the round has.
 */
export async function planShards(run: PlannedRun): Promise<number> {
  const [planned] = await driverSql().rows<{ count: number }>(ROUND_SHARD_COUNT, [run.id, run.round]);
  if (planned && planned.count > 0) return planned.count;
  const perShard = Math.max(1, Math.ceil(shardResults(run.concurrency, run.maxSlots) / run.repetitions));
  const lasts = await driverSql().rows<{ ordinal: number }>(SHARD_ENDS, [run.datasetId, run.datasetVersion, run.datasetVersion, perShard]);
  const bounds: { afterOrdinal: number; lastOrdinal: number }[] = [];
  // An empty dataset still has one shard, so "every shard done" ends its run.
  if (lasts.length === 0) bounds.push({ afterOrdinal: 0, lastOrdinal: 0 });
  for (const { ordinal } of lasts) bounds.push({ afterOrdinal: bounds.at(-1)?.lastOrdinal ?? -1, lastOrdinal: ordinal });
  const now = new Date();
  const slots = slotsFor(run.concurrency, bounds.length, run.maxSlots);
  // One transaction, so a plan is never half written.
  await driverTransaction((sql) =>
    insertRows(
      sql,
      "RunShard",
      SHARD_COLUMNS,
      bounds.map((b, index) => [newId(), run.id, run.round, index, b.afterOrdinal, b.lastOrdinal, false, slots, now, now]),
    ),
  );
  return bounds.length;
}

export interface ClaimedShard {
  id: string;
  index: number;
  afterOrdinal: number;
  lastOrdinal: number;
  slot: number;
  /** Slots of the round: with `slot`, the shard's share of the run's concurrency. */
  slots: number;
}

/**
 * Takes the lease of the run's next shard that no live process holds, in a
 * free slot. Claims of one run take turns on the run's row (a row lock on
 * PostgreSQL, the write lock on SQLite), so no two claims share a slot and at
 * most `slots` shards execute at once. Null when the run is not running this
 * round, every slot is taken, or no shard is left.
 */
export async function claimShard(runId: string, round: number): Promise<ClaimedShard | null> {
  return driverTransaction(async (sql) => {
    const now = new Date();
    const [run] = await sql.rows<{ status: string; round: number }>(TAKE_RUN_TURN, [sqlValue("timestamp", now), runId]);
    if (!run || run.status !== "running" || run.round !== round) return null;
    const open = (
      await sql.rows<{
        id: string;
        index: number;
        afterOrdinal: number;
        lastOrdinal: number;
        slots: number;
        slot: number | null;
        leaseOwner: string | null;
        leaseExpiresAt: string | null;
      }>(OPEN_SHARDS, [runId, round, sqlValue("bool", false)])
    ).map((s) => ({ ...s, live: leaseIsLive(s.leaseOwner, dateFromColumn(s.leaseExpiresAt), now) }));
    const slots = open[0]?.slots ?? 0;
    const busy = new Set(open.filter((s) => s.live).map((s) => s.slot));
    const slot = Array.from({ length: slots }, (_, i) => i).find((i) => !busy.has(i));
    const next = open.find((s) => !s.live);
    if (slot === undefined || !next) return null;
    await sql.run(TAKE_SHARD, [LEASE_OWNER, sqlValue("timestamp", new Date(now.getTime() + LEASE_TTL_MS)), slot, sqlValue("timestamp", now), next.id]);
    return { id: next.id, index: next.index, afterOrdinal: next.afterOrdinal, lastOrdinal: next.lastOrdinal, slot, slots };
  });
}

/** Whether any item of the shard has a result yet (one indexed lookup). */
export async function shardHasResults(runId: string, shard: ClaimedShard): Promise<boolean> {
  return (await driverSql().rows(SHARD_HAS_RESULT, [runId, shard.afterOrdinal, shard.lastOrdinal])).length > 0;
}

/** Extends our lease of the shard; false when it is no longer ours. */
export async function renewShardLease(shardId: string): Promise<boolean> {
  const now = Date.now();
  return (
    (await driverSql().run(RENEW_SHARD, [sqlValue("timestamp", new Date(now + LEASE_TTL_MS)), sqlValue("timestamp", new Date(now)), shardId, LEASE_OWNER])) ===
    1
  );
}

/** Ends our work on the shard: done (every item has its result), or given back for another worker. */
export async function releaseShard(shardId: string, outcome: { done: boolean; error?: string }): Promise<void> {
  await driverSql().run(RELEASE_SHARD, [sqlValue("bool", outcome.done), outcome.error ?? null, sqlValue("timestamp", new Date()), shardId, LEASE_OWNER]);
}

export interface ShardProgress {
  /** How many may execute at once. */
  slots: number;
  total: number;
  done: number;
  /** Shards a live process executes now. */
  live: number;
  /** The first run-level failure an executor reported. */
  error: string | null;
}

export async function shardProgress(runId: string, round: number): Promise<ShardProgress> {
  const now = new Date();
  const shards = (
    await driverSql().rows<{ done: unknown; slots: number; leaseOwner: string | null; leaseExpiresAt: string | null; error: string | null }>(ROUND_SHARDS, [
      runId,
      round,
    ])
  ).map((s) => ({ ...s, done: boolFromColumn(s.done) === true }));
  return {
    slots: shards[0]?.slots ?? 1,
    total: shards.length,
    done: shards.filter((s) => s.done).length,
    live: shards.filter((s) => !s.done && leaseIsLive(s.leaseOwner, dateFromColumn(s.leaseExpiresAt), now)).length,
    error: shards.find((s) => s.error !== null)?.error ?? null,
  };
}

/** Processes holding a live lease on a shard of the run (they execute its calls). */
export async function shardExecutors(runId: string): Promise<string[]> {
  const now = new Date();
  const leased = await driverSql().rows<{ leaseOwner: string; leaseExpiresAt: string | null }>(LEASED_SHARDS, [runId, sqlValue("bool", false)]);
  return [...new Set(leased.filter((s) => leaseIsLive(s.leaseOwner, dateFromColumn(s.leaseExpiresAt), now)).map((s) => s.leaseOwner))];
}
