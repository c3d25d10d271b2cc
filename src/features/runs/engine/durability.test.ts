import { newId } from "@/lib/id";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { api, waitFor } from "@/test/caller";
import { closeAfterEach, waitForRunEnd } from "@/test/fixtures";
import { json, startHttpTarget } from "@/test/http-target";
import { LeaseLostError } from "./lease";
import { ResultWriter } from "./result-writer";
import { drainLocalRuns } from "./run-controls";
import { startRun } from "./start-run";
import { recoverInterruptedRuns } from "./supervisor";

const closed = closeAfterEach();

async function slowTarget(delayMs: number, fail?: (input: unknown, count: number) => boolean) {
  const seen = new Map<string, number>();
  const server = await startHttpTarget(async ({ body }, res) => {
    const input = (body as { input: unknown }).input;
    const key = JSON.stringify(input);
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    await new Promise((r) => setTimeout(r, delayMs));
    if (fail?.(input, count)) return json(res, 400, { error: "bad input" });
    json(res, 200, { output: input });
  });
  return { ...closed(server), seen };
}

async function dataset(count: number) {
  const caller = api();
  const ds = await caller.datasets.create({ name: `durable-${newId()}` });
  await caller.items.bulkAdd({ datasetId: ds.id, items: Array.from({ length: count }, (_, i) => ({ input: i, expectedOutput: i })) });
  return ds;
}

const waitTerminal = waitForRunEnd;

async function assertExactlyOneResultPerItem(runId: string, total: number) {
  const [rows, distinct, run] = await Promise.all([
    db.result.count({ where: { runId } }),
    db.result.groupBy({ by: ["datasetItemId", "repetition"], where: { runId } }),
    db.run.findUniqueOrThrow({ where: { id: runId } }),
  ]);
  expect(rows).toBe(total);
  expect(distinct).toHaveLength(total);
  expect(run.doneCount).toBe(rows);
  expect(run.failedCount).toBe(await db.result.count({ where: { runId, error: { not: null } } }));
}

describe("durable runs", () => {
  it("resumes a run whose process died, skipping items that have a result", async () => {
    const target = await slowTarget(5);
    const ds = await dataset(20);
    const items = await db.datasetItem.findMany({ where: { datasetId: ds.id }, orderBy: { ordinal: "asc" } });
    const run = await db.run.create({
      data: {
        datasetId: ds.id,
        datasetVersion: 1,
        target: { kind: "http", url: target.url, headers: {}, outputPath: "output" },
        scorers: [],
        settings: { concurrency: 4, timeoutMs: 5000, retries: 0, repetitions: 1 },
        total: 20,
        status: "running",
        startedAt: new Date(),
        doneCount: 3,
        leaseOwner: "crashed-host/boot1",
        leaseExpiresAt: new Date(Date.now() - 1000),
      },
    });
    await db.result.createMany({
      data: items.slice(0, 3).map((item) => ({ runId: run.id, datasetItemId: item.id, itemId: item.itemId, ordinal: item.ordinal, output: "earlier" })),
    });

    expect(await recoverInterruptedRuns()).toContain(run.id);
    const done = await waitTerminal(run.id);
    expect(done.status).toBe("completed");
    expect(target.requests()).toBe(17);
    await assertExactlyOneResultPerItem(run.id, 20);
    const kept = await db.result.findMany({ where: { runId: run.id, output: { equals: "earlier" } } });
    expect(kept).toHaveLength(3);
  });

  it("never executes one run twice at once", async () => {
    const target = await slowTarget(20);
    const ds = await dataset(15);
    const run = await db.run.create({
      data: {
        datasetId: ds.id,
        datasetVersion: 1,
        target: { kind: "http", url: target.url, headers: {}, outputPath: "output" },
        scorers: [],
        settings: { concurrency: 3, timeoutMs: 5000, retries: 0, repetitions: 1 },
        total: 15,
      },
    });
    await Promise.all([startRun(run.id), startRun(run.id), recoverInterruptedRuns()]);
    await waitTerminal(run.id);
    expect(target.requests()).toBe(15);
    expect([...target.seen.values()].every((n) => n === 1)).toBe(true);
    await assertExactlyOneResultPerItem(run.id, 15);
  });

  it("a process that lost the lease writes nothing", async () => {
    const ds = await dataset(1);
    const item = await db.datasetItem.findFirstOrThrow({ where: { datasetId: ds.id } });
    const run = await db.run.create({
      data: {
        datasetId: ds.id,
        datasetVersion: 1,
        target: { kind: "echo" },
        scorers: [],
        settings: {},
        total: 1,
        status: "running",
        leaseOwner: "new-owner/1",
        leaseExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    const zombie = new ResultWriter(run.id, { intervalMs: 10_000, leaseOwner: "old-owner/1" });
    zombie.add({
      id: newId(),
      datasetItemId: item.id,
      itemId: item.itemId,
      ordinal: 1,
      repetition: 0,
      output: "zombie",
      error: null,
      latencyMs: 1,
      attempts: 1,
      round: 1,
      promptTokens: null,
      completionTokens: null,
      costUsd: null,
      scores: [],
    });
    await expect(zombie.close()).rejects.toBeInstanceOf(LeaseLostError);
    expect(await db.result.count({ where: { runId: run.id } })).toBe(0);
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).doneCount).toBe(0);
  });

  it("drains on shutdown: finishes in-flight items, releases the lease, and the next process resumes", async () => {
    const target = await slowTarget(150);
    const ds = await dataset(30);
    const caller = api();
    const { runId } = await caller.runs.trigger({
      datasetId: ds.id,
      target: { kind: "http", url: target.url, outputPath: "output" },
      settings: { concurrency: 3 },
    });
    await waitFor(async () => (await caller.runs.get({ id: runId })).doneCount >= 3);
    await drainLocalRuns(5_000);
    const paused = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(paused).toMatchObject({ status: "running", leaseOwner: null, leaseExpiresAt: null });
    expect(paused.doneCount).toBeLessThan(30);
    // Everything that was in flight finished and was saved: nothing was lost.
    expect(paused.doneCount).toBe(target.requests());

    expect(await recoverInterruptedRuns()).toContain(runId);
    expect((await waitTerminal(runId)).status).toBe("completed");
    expect(target.requests()).toBe(30);
    await assertExactlyOneResultPerItem(runId, 30);
  });

  it("retries only the failed items, into the same run", async () => {
    const target = await slowTarget(1, (input, count) => (input === 3 || input === 7) && count === 1);
    const ds = await dataset(10);
    const caller = api();
    const { runId } = await caller.runs.trigger({
      datasetId: ds.id,
      target: { kind: "http", url: target.url, outputPath: "output" },
      scorers: [{ type: "exact-match" }],
    });
    const first = await waitTerminal(runId);
    expect(first).toMatchObject({ status: "completed", doneCount: 10, failedCount: 2, round: 1 });

    const retry = await caller.runs.retryFailed({ id: runId });
    expect(retry).toMatchObject({ runId, status: "pending", retrying: 2 });
    const second = await waitTerminal(runId);
    expect(second).toMatchObject({ status: "completed", doneCount: 10, failedCount: 0, round: 2 });
    expect(target.requests()).toBe(12);
    const results = (await caller.runs.results({ runId, pageSize: 50 })).results;
    expect(results.filter((r) => r.round === 2).map((r) => r.input)).toEqual([3, 7]);
    expect(second.summary!.scorers[0]).toMatchObject({ scored: 10, mean: 1 });
    await assertExactlyOneResultPerItem(runId, 10);

    await expect(caller.runs.retryFailed({ id: runId })).rejects.toThrow(/no failed items/);
  });

  it("keeps every result under load: many concurrent runs, no 'database is locked'", async () => {
    const caller = api();
    const datasets = await Promise.all(Array.from({ length: 6 }, () => dataset(300)));
    const runs = await Promise.all(
      datasets.map((ds) =>
        caller.runs.trigger({
          datasetId: ds.id,
          target: { kind: "echo" },
          scorers: [{ type: "exact-match" }, { type: "levenshtein" }],
          settings: { concurrency: 16 },
        }),
      ),
    );
    const finished = await Promise.all(runs.map((r) => waitTerminal(r.runId, 60_000)));
    expect(finished.map((r) => r.status)).toEqual(Array(6).fill("completed"));
    for (const r of runs) await assertExactlyOneResultPerItem(r.runId, 300);
    expect(await db.score.count({ where: { runId: { in: runs.map((r) => r.runId) } } })).toBe(6 * 300 * 2);
  });
});

describe("retry keeps the run's history", () => {
  it("keeps the summary while failed items are retried, and counts the rounds' time, not the wait before the retry", async () => {
    const target = await slowTarget(1, (input, count) => input === 1 && count === 1);
    const ds = await dataset(3);
    const caller = api();
    const { runId } = await caller.runs.trigger({ datasetId: ds.id, target: { kind: "http", url: target.url, outputPath: "output" } });
    const first = await waitTerminal(runId);
    expect(first.failedCount).toBe(1);
    const firstRoundMs = first.completedAt!.getTime() - first.startedAt!.getTime();
    expect(first.summary!.durationMs).toBe(firstRoundMs);
    // The run sits finished for a while before someone retries it.
    await new Promise((r) => setTimeout(r, 1500));
    await caller.runs.retryFailed({ id: runId });
    const pending = await caller.runs.get({ id: runId });
    expect(pending.summary).not.toBeNull();
    const second = await waitTerminal(runId);
    expect(second).toMatchObject({ status: "completed", failedCount: 0, round: 2, executedMs: firstRoundMs });
    // The second round has its own clock; the duration is both rounds, without the 1.5 s wait.
    expect(second.startedAt!.getTime()).toBeGreaterThanOrEqual(first.completedAt!.getTime() + 1500);
    const secondRoundMs = second.completedAt!.getTime() - second.startedAt!.getTime();
    expect(second.summary!.durationMs).toBe(firstRoundMs + secondRoundMs);
    expect(second.summary!.durationMs!).toBeLessThan(second.completedAt!.getTime() - first.startedAt!.getTime() - 1400);
  });
});
