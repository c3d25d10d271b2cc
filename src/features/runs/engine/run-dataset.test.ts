import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { api, waitFor } from "@/test/caller";
import { closeAfterEach, datasetWith as dataset, waitForRunEnd } from "@/test/fixtures";
import { json, startHttpTarget } from "@/test/http-target";
import type { TriggerRunInput } from "../schemas";
import { startRun } from "./start-run";

const closed = closeAfterEach();
const target = async (handler: Parameters<typeof startHttpTarget>[0]) => closed(await startHttpTarget(handler));

async function runToEnd(input: TriggerRunInput, timeoutMs = 20_000) {
  const { runId, status } = await api().runs.trigger(input);
  expect(status).toBe("pending");
  return waitForRunEnd(runId, timeoutMs);
}

async function allResults(runId: string) {
  return (await api().runs.results({ runId, pageSize: 200 })).results;
}

describe("runDataset", () => {
  it("runs every item through the target, scores it and summarises the run", async () => {
    const ds = await dataset(Array.from({ length: 30 }, (_, i) => ({ input: `answer ${i}`, expectedOutput: i % 3 === 0 ? `answer ${i}!` : `answer ${i}` })));
    const run = await runToEnd({
      datasetId: ds.id,
      target: { kind: "echo" },
      scorers: [{ type: "exact-match" }, { type: "levenshtein", threshold: 0.9 }, { type: "contains", name: "has-answer", params: { value: "answer" } }],
      settings: { concurrency: 4 },
    });
    expect(run).toMatchObject({ status: "completed", total: 30, doneCount: 30, failedCount: 0, error: null });
    expect(run.startedAt).toBeInstanceOf(Date);
    expect(run.completedAt!.getTime()).toBeGreaterThanOrEqual(run.startedAt!.getTime());
    const byName = Object.fromEntries(run.summary!.scorers.map((s) => [s.name, s]));
    expect(byName["exact-match"]).toMatchObject({ scored: 30, counted: 30, targetErrors: 0, scorerErrors: 0, passRate: 20 / 30 });
    expect(byName["has-answer"]).toMatchObject({ mean: 1, passRate: 1 });
    expect(byName.levenshtein!.mean).toBeGreaterThan(0.95);
    expect(run.summary!.results).toEqual({ total: 30, succeeded: 30, errored: 0 });

    const results = await allResults(run.id);
    expect(results).toHaveLength(30);
    expect(results.map((r) => r.ordinal)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(results[0]).toMatchObject({ output: "answer 0", expectedOutput: "answer 0!", attempts: 1 });
    expect(results[0]!.scores.find((s) => s.name === "exact-match")).toMatchObject({ value: 0, passed: false });
  });

  it("makes progress visible while the run runs, not only at the end", async () => {
    const ds = await dataset(Array.from({ length: 12 }, (_, i) => ({ input: i, expectedOutput: i })));
    const caller = api();
    const { runId } = await caller.runs.trigger({
      datasetId: ds.id,
      target: { kind: "demo", latencyMs: 150, jitterMs: 0, accuracy: 1 },
      settings: { concurrency: 2 },
    });
    const seen = new Set<string>();
    const partial = await waitFor(async () => {
      const run = await caller.runs.get({ id: runId });
      seen.add(run.status);
      return run.status === "running" && run.doneCount > 0 && run.doneCount < run.total ? run : null;
    });
    expect(partial.doneCount).toBeLessThan(12);
    const done = await waitFor(async () => {
      const run = await caller.runs.get({ id: runId });
      return run.status === "completed" ? run : null;
    });
    expect(done.doneCount).toBe(12);
    expect(seen.has("running")).toBe(true);
  });

  it("retries transient errors with backoff and records attempts", async () => {
    const calls = new Map<string, number>();
    const server = await target(({ body }, res) => {
      const key = JSON.stringify((body as { input: unknown }).input);
      const n = (calls.get(key) ?? 0) + 1;
      calls.set(key, n);
      if (n < 3) return json(res, 503, { error: "warming up" });
      json(res, 200, { answer: (body as { input: unknown }).input });
    });
    const ds = await dataset([
      { input: "a", expectedOutput: "a" },
      { input: "b", expectedOutput: "b" },
    ]);
    const run = await runToEnd({
      datasetId: ds.id,
      target: { kind: "http", url: server.url, outputPath: "answer" },
      scorers: [{ type: "exact-match" }],
      settings: { retries: 3 },
    });
    expect(run).toMatchObject({ status: "completed", doneCount: 2, failedCount: 0 });
    const results = await allResults(run.id);
    expect(results.map((r) => r.attempts)).toEqual([3, 3]);
    expect(results.every((r) => r.scores[0]?.value === 1)).toBe(true);
  });

  it("honours Retry-After on 429", async () => {
    const times: number[] = [];
    const server = await target((_req, res) => {
      times.push(Date.now());
      if (times.length === 1) return json(res, 429, { error: "slow down" }, { "retry-after": "1" });
      json(res, 200, { output: "ok" });
    });
    const ds = await dataset([{ input: "x" }]);
    const run = await runToEnd({ datasetId: ds.id, target: { kind: "http", url: server.url, outputPath: "output" }, settings: { retries: 2 } });
    expect(run.status).toBe("completed");
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it("records timeouts, 5xx after retries and garbage bodies on the item, and goes on", async () => {
    const server = await target(async ({ body }, res) => {
      const input = (body as { input: string }).input;
      if (input === "slow") {
        await new Promise((r) => setTimeout(r, 2000));
        return json(res, 200, { output: "late" });
      }
      if (input === "boom") return json(res, 500, { error: "internal" });
      if (input === "garbage") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end("<html>not json");
      }
      if (input === "missing") return json(res, 200, { other: 1 });
      json(res, 200, { output: input });
    });
    const ds = await dataset([{ input: "slow" }, { input: "boom" }, { input: "garbage" }, { input: "missing" }, { input: "fine", expectedOutput: "fine" }]);
    const run = await runToEnd({
      datasetId: ds.id,
      target: { kind: "http", url: server.url, outputPath: "output" },
      scorers: [{ type: "exact-match" }],
      settings: { timeoutMs: 300, retries: 1, concurrency: 5 },
    });
    expect(run).toMatchObject({ status: "completed", doneCount: 5, failedCount: 4 });
    const results = await allResults(run.id);
    const byInput = Object.fromEntries(results.map((r) => [r.input as string, r]));
    expect(byInput.slow).toMatchObject({ error: "No response within 300 ms.", attempts: 2, output: null });
    expect(byInput.boom!.error).toMatch(/^HTTP 500/);
    expect(byInput.boom!.attempts).toBe(2);
    expect(byInput.garbage).toMatchObject({ attempts: 1 });
    expect(byInput.garbage!.error).toMatch(/not valid JSON/);
    expect(byInput.missing!.error).toMatch(/no value at "output"/);
    expect(byInput.fine).toMatchObject({ error: null, output: "fine" });
    expect(byInput.fine!.scores[0]).toMatchObject({ value: 1, passed: true });
  });

  it("records a scorer that throws on that score only", async () => {
    const ds = await dataset([{ input: "no expected output here" }, { input: "same", expectedOutput: "same" }]);
    const run = await runToEnd({
      datasetId: ds.id,
      target: { kind: "echo" },
      scorers: [{ type: "exact-match" }, { type: "contains", params: { value: "here" } }],
    });
    expect(run.status).toBe("completed");
    const [first, second] = await allResults(run.id);
    expect(first!.scores.find((s) => s.name === "exact-match")).toMatchObject({ value: null, error: "This item has no expected output to compare with." });
    expect(first!.scores.find((s) => s.name === "contains")).toMatchObject({ value: 1, passed: true, error: null });
    expect(second!.scores.find((s) => s.name === "exact-match")).toMatchObject({ value: 1 });
    expect(run.summary!.scorers.find((s) => s.name === "exact-match")).toMatchObject({ scored: 1, scorerErrors: 1, counted: 1, mean: 1 });
    expect(run.summary!.scoresNotComputed).toBe(1);
  });

  it("cancels mid-run: no new call starts, in-flight calls are aborted, every answered result is kept, the summary is written", async () => {
    let aborted = 0;
    let answered = 0;
    let callsAfterCancel = 0;
    let cancelAnswered = false;
    const server = await target(async (_req, res) => {
      if (cancelAnswered) callsAfterCancel += 1;
      let closed = false;
      res.on("close", () => {
        if (!res.writableEnded) {
          closed = true;
          aborted += 1;
        }
      });
      await new Promise((r) => setTimeout(r, 400));
      if (closed) return;
      res.on("finish", () => (answered += 1));
      json(res, 200, { output: "ok" });
    });
    const ds = await dataset(Array.from({ length: 40 }, (_, i) => ({ input: i })));
    const caller = api();
    const { runId } = await caller.runs.trigger({
      datasetId: ds.id,
      target: { kind: "http", url: server.url, outputPath: "output" },
      settings: { concurrency: 4 },
    });
    await waitFor(async () => (await caller.runs.get({ id: runId })).doneCount >= 4);
    const cancelled = await caller.runs.cancel({ id: runId });
    cancelAnswered = true;
    expect(cancelled.status).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 800));
    expect(aborted).toBeGreaterThan(0);
    expect(callsAfterCancel).toBe(0);
    const run = await caller.runs.get({ id: runId });
    // The cancel left the lease with the executor: what the target answered is stored, then summarised.
    expect(run.doneCount).toBe(answered);
    expect(run.summary?.results.total).toBe(run.doneCount);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId }, select: { leaseOwner: true } })).toEqual({ leaseOwner: null });
    // Every call the target saw either finished (a kept result) or was in flight at the
    // cancel (at most `concurrency` of them): none started after it.
    expect(server.requests()).toBeLessThanOrEqual(run.doneCount + 4);
    expect(run.status).toBe("cancelled");
    expect(run.completedAt).toBeInstanceOf(Date);
    expect(run.doneCount).toBeGreaterThanOrEqual(4);
    expect(run.doneCount).toBeLessThan(40);
    expect((await caller.runs.results({ runId, pageSize: 200 })).total).toBe(run.doneCount);
    await expect(caller.runs.cancel({ id: runId })).rejects.toThrow(/already cancelled/);
  });

  it("fails a run whose target is unreachable, early and with a readable error", async () => {
    const ds = await dataset(Array.from({ length: 50 }, (_, i) => ({ input: i })));
    const run = await runToEnd({ datasetId: ds.id, target: { kind: "http", url: "http://127.0.0.1:9/" }, settings: { retries: 0, concurrency: 5 } });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/The target is unreachable: the first 10 items all failed to connect/);
    expect(run.doneCount).toBeLessThan(50);
  });

  it("fails a run in which every item failed", async () => {
    const ds = await dataset([{ input: 1 }, { input: 2 }]);
    const run = await runToEnd({ datasetId: ds.id, target: { kind: "demo", latencyMs: 0, jitterMs: 0, failureRate: 1 } });
    expect(run).toMatchObject({ status: "failed", doneCount: 2, failedCount: 2 });
    expect(run.error).toMatch(/All 2 results failed. First error: Demo model failed on purpose/);
  });

  it("ends a run whose background throws before the first item as failed, not stuck", async () => {
    const ds = await dataset([{ input: 1 }]);
    const run = await db.run.create({
      data: { datasetId: ds.id, datasetVersion: 1, target: { kind: "teleport" }, scorers: [], settings: {}, total: 1 },
    });
    await startRun(run.id);
    const after = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after.status).toBe("failed");
    expect(after.error).toMatch(/target configuration is invalid/);
    expect(after.completedAt).toBeInstanceOf(Date);
  });

  it("pins a run to its dataset version: later edits do not change what it shows", async () => {
    const caller = api();
    const ds = await dataset([{ input: "before", expectedOutput: "before" }]);
    const run = await runToEnd({ datasetId: ds.id, target: { kind: "echo" }, scorers: [{ type: "exact-match" }] });
    const [item] = (await caller.items.list({ datasetId: ds.id })).items;
    await caller.items.update({ itemId: item!.itemId, input: "after", expectedOutput: "after" });
    await caller.items.delete({ itemIds: [item!.itemId] });
    const [result] = await allResults(run.id);
    expect(result).toMatchObject({ input: "before", expectedOutput: "before", output: "before" });
    expect(run.datasetVersion).toBe(1);
  });

  it("runs repetitions as separate results", async () => {
    const ds = await dataset([{ input: "a" }, { input: "b" }]);
    const run = await runToEnd({ datasetId: ds.id, target: { kind: "echo" }, settings: { repetitions: 3 } });
    expect(run).toMatchObject({ status: "completed", total: 6, doneCount: 6 });
    const results = await allResults(run.id);
    expect(results.map((r) => `${r.input as string}${r.repetition}`)).toEqual(["a0", "a1", "a2", "b0", "b1", "b2"]);
  });
});
