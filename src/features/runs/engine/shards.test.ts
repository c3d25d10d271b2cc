import { describe, expect, it } from "vitest";
import { newId } from "@/lib/id";
import { db } from "@/server/db";
import { dialect } from "@/server/dialect";
import { api } from "@/test/caller";
import { closeAfterEach, waitForRunEnd } from "@/test/fixtures";
import { json, startHttpTarget } from "@/test/http-target";
import { dispatch } from "./dispatch";
import { executeShards, onShardEnded } from "./shard-executor";
import { startRun } from "./start-run";
import { claimShard, planShards, shardProgress, slotConcurrency, slotsFor } from "./shards";
import { recoverInterruptedRuns } from "./supervisor";

const closed = closeAfterEach();

async function dataset(count: number) {
  const caller = api();
  const ds = await caller.datasets.create({ name: `shards-${newId()}` });
  for (let start = 0; start < count; start += 1000) {
    await caller.items.bulkAdd({
      datasetId: ds.id,
      items: Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({ input: start + i, expectedOutput: start + i })),
    });
  }
  return ds;
}

/** A loopback target that counts calls per input and in flight. */
async function countingTarget(delayMs: number) {
  const seen = new Map<string, number>();
  const state = { inFlight: 0, maxInFlight: 0 };
  const server = await startHttpTarget(async ({ body }, res) => {
    const input = (body as { input: unknown }).input;
    seen.set(JSON.stringify(input), (seen.get(JSON.stringify(input)) ?? 0) + 1);
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    await new Promise((r) => setTimeout(r, delayMs));
    state.inFlight -= 1;
    json(res, 200, { output: input });
  });
  return { ...closed(server), seen, state };
}

async function runningRun(datasetId: string, total: number, settings: Record<string, number>, target: object = { kind: "echo" }) {
  return db.run.create({
    data: {
      datasetId,
      datasetVersion: 1,
      target,
      scorers: [],
      settings: { timeoutMs: 5000, retries: 0, repetitions: 1, ...settings },
      total,
      status: "running",
      startedAt: new Date(),
    },
  });
}

describe("slots share the run's concurrency", () => {
  it("gives the slots shares that add up to the concurrency, the first ones one more", () => {
    for (const [concurrency, slots] of [
      [16, 4],
      [16, 3],
      [5, 2],
      [1, 1],
      [7, 7],
    ] as const) {
      const shares = Array.from({ length: slots }, (_, slot) => slotConcurrency(concurrency, slots, slot));
      expect(shares.reduce((a, b) => a + b, 0)).toBe(concurrency);
      expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
    }
    expect(slotConcurrency(16, 3, 0)).toBe(6);
    expect(slotConcurrency(16, 3, 2)).toBe(5);
  });

  it("uses no more slots than shards, calls or the dispatch allows", () => {
    expect(slotsFor(16, 13, Number.POSITIVE_INFINITY)).toBe(4);
    expect(slotsFor(16, 2, Number.POSITIVE_INFINITY)).toBe(2);
    expect(slotsFor(16, 13, 1)).toBe(1);
    expect(slotsFor(1, 13, Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe("shards", () => {
  it("cover every item of the pinned version once, in dataset order, for any repetitions", async () => {
    const ds = await dataset(1050);
    const { version } = await db.dataset.findUniqueOrThrow({ where: { id: ds.id }, select: { version: true } });
    const run = await runningRun(ds.id, 2100, { concurrency: 4, repetitions: 2 });
    const count = await planShards({ id: run.id, round: 1, datasetId: ds.id, datasetVersion: version, repetitions: 2, concurrency: 4, maxSlots: 8 });
    // 400 results per shard at concurrency 4, two repetitions: 200 items per shard.
    expect(count).toBe(6);
    // Planning again (a coordinator that takes over) keeps the shards.
    expect(await planShards({ id: run.id, round: 1, datasetId: ds.id, datasetVersion: version, repetitions: 2, concurrency: 4, maxSlots: 8 })).toBe(6);
    const shards = await db.runShard.findMany({ where: { runId: run.id }, orderBy: { index: "asc" } });
    const items = await db.datasetItem.findMany({ where: { datasetId: ds.id }, select: { ordinal: true } });
    for (const item of items) {
      expect(shards.filter((s) => s.afterOrdinal < item.ordinal && item.ordinal <= s.lastOrdinal)).toHaveLength(1);
    }
    expect(shards.every((s, i) => i === 0 || s.afterOrdinal === shards[i - 1]!.lastOrdinal)).toBe(true);
    expect(new Set(shards.map((s) => s.slots))).toEqual(new Set([1]));
  });

  it("are claimed in free slots only: at most `slots` at once, each slot once, even when asked together", async () => {
    const ds = await dataset(900);
    const run = await runningRun(ds.id, 900, { concurrency: 12 });
    await planShards({ id: run.id, round: 1, datasetId: ds.id, datasetVersion: 1, repetitions: 1, concurrency: 12, maxSlots: 3 });
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimShard(run.id, 1)));
    const taken = claims.filter((c) => c !== null);
    expect(taken).toHaveLength(3);
    expect(new Set(taken.map((c) => c.slot))).toEqual(new Set([0, 1, 2]));
    expect(new Set(taken.map((c) => c.id)).size).toBe(3);
    expect((await shardProgress(run.id, 1)).live).toBe(3);

    // A holder that died (its lease expired) frees its slot for the next claim.
    await db.runShard.update({ where: { id: taken[1]!.id }, data: { leaseOwner: "gone-host/1/x", leaseExpiresAt: new Date(Date.now() - 1) } });
    const next = await claimShard(run.id, 1);
    expect(next?.slot).toBe(taken[1]!.slot);
    expect(await claimShard(run.id, 1)).toBeNull();
  });

  it("execute a run split over several shards: each item once, never more calls in flight than its concurrency", async () => {
    const target = await countingTarget(2);
    const ds = await dataset(1000);
    const run = await runningRun(ds.id, 1000, { concurrency: 8 }, { kind: "http", url: target.url, headers: {}, outputPath: "output" });
    await db.run.update({ where: { id: run.id }, data: { status: "pending", startedAt: null } });
    await startRun(run.id);
    const done = await waitForRunEnd(run.id);
    expect(done.status).toBe("completed");
    expect(done.doneCount).toBe(1000);
    expect(await db.result.count({ where: { runId: run.id } })).toBe(1000);
    expect(target.seen.size).toBe(1000);
    expect([...target.seen.values()].every((n) => n === 1)).toBe(true);
    expect(target.state.maxInFlight).toBeLessThanOrEqual(8);
    const shards = await db.runShard.findMany({ where: { runId: run.id } });
    // Where workers share runs: 2 slots of 4 calls, 400 results per shard, 3 shards.
    // In one process: 1 slot of 8 calls, 800 results per shard, 2 shards.
    expect(shards).toHaveLength(dispatch.maxSlots === 1 ? 2 : 3);
    expect(shards.every((s) => s.done && s.leaseOwner === null)).toBe(true);
    expect(shards[0]!.slots).toBe(Math.min(2, dispatch.maxSlots));
  });

  it("an execution goes on to the run's next shards until it has lasted its chaining time", async () => {
    const ds = await dataset(900);
    const run = await runningRun(ds.id, 900, { concurrency: 4 });
    // One slot of 4 calls: 400 results per shard, 3 shards.
    await planShards({ id: run.id, round: 1, datasetId: ds.id, datasetVersion: 1, repetitions: 1, concurrency: 4, maxSlots: 1 });
    const doneShards = async () => (await db.runShard.findMany({ where: { runId: run.id }, orderBy: { index: "asc" } })).map((s) => s.done);
    // The coordinator hears of an execution once, when it gives its slot back (not between the shards it chains).
    let ended = 0;
    const stopListening = onShardEnded((id) => {
      if (id === run.id) ended += 1;
    });
    try {
      // No time to chain: the one shard it claimed, and its slot is free again.
      await executeShards(run.id, { chainForMs: 0 });
      expect(await doneShards()).toEqual([true, false, false]);
      expect((await shardProgress(run.id, 1)).live).toBe(0);
      expect(ended).toBe(1);
      // Time enough: every shard left, one after another in the same slot.
      await executeShards(run.id, { chainForMs: 60_000 });
      expect(await doneShards()).toEqual([true, true, true]);
      expect(await db.result.count({ where: { runId: run.id } })).toBe(900);
      expect(ended).toBe(2);
    } finally {
      stopListening();
    }
  });

  it.runIf(dialect === "postgres")("on the job queue, a run's first offers fill all its slots at once, not at the workers' next poll", async () => {
    const target = await countingTarget(200);
    const ds = await dataset(1000);
    // 12 calls: 3 slots of 4, and 3 shards of 400, 400 and 200 results.
    const run = await runningRun(ds.id, 1000, { concurrency: 12 }, { kind: "http", url: target.url, headers: {}, outputPath: "output" });
    await db.run.update({ where: { id: run.id }, data: { status: "pending", startedAt: null } });
    const started = performance.now();
    const execution = startRun(run.id);
    try {
      let live = 0;
      while (live < 3 && performance.now() - started < 10_000) {
        await new Promise((r) => setTimeout(r, 20));
        live = (await shardProgress(run.id, 1)).live;
      }
      expect(live).toBe(3);
      // The work loops poll every 2 s: all three slots were taken well before that.
      expect(performance.now() - started).toBeLessThan(1_500);
      expect(target.state.maxInFlight).toBeLessThanOrEqual(12);
    } finally {
      await api().runs.cancel({ id: run.id });
      await execution;
    }
  });

  it("take over a shard whose executor died: its items with a result are kept, the rest executed once", async () => {
    const target = await countingTarget(1);
    const ds = await dataset(900);
    const run = await runningRun(ds.id, 900, { concurrency: 4 }, { kind: "http", url: target.url, headers: {}, outputPath: "output" });
    await planShards({ id: run.id, round: 1, datasetId: ds.id, datasetVersion: 1, repetitions: 1, concurrency: 4, maxSlots: dispatch.maxSlots });
    const [first, second] = await db.runShard.findMany({ where: { runId: run.id }, orderBy: { index: "asc" } });
    // The first shard was done; the second was half executed by a process of another host that died.
    const items = await db.datasetItem.findMany({ where: { datasetId: ds.id }, orderBy: { ordinal: "asc" } });
    const finished = items.filter((item) => item.ordinal <= first!.lastOrdinal || (item.ordinal <= second!.lastOrdinal && item.ordinal % 2 === 0));
    await db.result.createMany({
      data: finished.map((item) => ({ runId: run.id, datasetItemId: item.id, itemId: item.itemId, ordinal: item.ordinal, output: "earlier" })),
    });
    await db.run.update({
      where: { id: run.id },
      data: { doneCount: finished.length, leaseOwner: "other-host/7/dead", leaseExpiresAt: new Date(Date.now() - 1) },
    });
    await db.runShard.update({ where: { id: first!.id }, data: { done: true } });
    await db.runShard.update({ where: { id: second!.id }, data: { leaseOwner: "other-host/7/dead", leaseExpiresAt: new Date(Date.now() - 1), slot: 0 } });

    expect(await recoverInterruptedRuns()).toContain(run.id);
    const done = await waitForRunEnd(run.id);
    expect(done.status).toBe("completed");
    expect(await db.result.count({ where: { runId: run.id } })).toBe(900);
    expect(await db.result.count({ where: { runId: run.id, output: { equals: "earlier" } } })).toBe(finished.length);
    expect(target.seen.size).toBe(900 - finished.length);
    expect([...target.seen.values()].every((n) => n === 1)).toBe(true);
    expect((await db.runShard.findMany({ where: { runId: run.id } })).every((s) => s.done)).toBe(true);
  });
});
