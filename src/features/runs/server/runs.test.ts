import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { api, waitFor } from "@/test/caller";
import { db } from "@/server/db";
import { computeRunSummary } from "../engine/summary";
import { countDistributions } from "./distributions";

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("runs.trigger", () => {
  it("returns { runId, status: pending } at once and creates no per-item rows", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "trigger" });
    await caller.items.bulkAdd({ datasetId: ds.id, items: Array.from({ length: 200 }, (_, i) => ({ input: i })) });
    const res = await caller.runs.trigger({ datasetId: ds.id, target: { kind: "demo", latencyMs: 50 } });
    expect(res).toMatchObject({ status: "pending", created: true });
    const run = await caller.runs.get({ id: res.runId });
    expect(run.total).toBe(200);
    expect(run.startedAt === null || run.status !== "pending").toBe(true);
    await caller.runs.cancel({ id: res.runId });
  });

  it("is idempotent with a key: the same key returns the same run", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "idempotent" });
    await caller.items.add({ datasetId: ds.id, item: { input: 1 } });
    const input = { datasetId: ds.id, target: { kind: "echo" as const }, idempotencyKey: "click-1234567" };
    const [a, b] = await Promise.all([caller.runs.trigger(input), caller.runs.trigger(input)]);
    expect(a.runId).toBe(b.runId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const again = await caller.runs.trigger(input);
    expect(again).toMatchObject({ runId: a.runId, created: false });
    expect((await caller.runs.list({ datasetId: ds.id })).total).toBe(1);
  });

  it("rejects bad input with the field and what was expected", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "bad-trigger" });
    const empty = await errorOf(caller.runs.trigger({ datasetId: ds.id, target: { kind: "echo" } }));
    expect(empty.code).toBe("BAD_REQUEST");
    expect(empty.message).toMatch(/has no items/);

    expect((await errorOf(caller.runs.trigger({ datasetId: "missing", target: { kind: "echo" } }))).code).toBe("NOT_FOUND");

    await caller.items.add({ datasetId: ds.id, item: { input: 1 } });
    const concurrency = await errorOf(caller.runs.trigger({ datasetId: ds.id, target: { kind: "echo" }, settings: { concurrency: 0 } }));
    expect(concurrency.message).toMatch(/settings\.concurrency: must be at least 1/);

    const url = await errorOf(caller.runs.trigger({ datasetId: ds.id, target: { kind: "http", url: "ftp://x" } }));
    expect(url.message).toMatch(/target\.url: must be an http/);

    const dupNames = await errorOf(
      caller.runs.trigger({ datasetId: ds.id, target: { kind: "echo" }, scorers: [{ type: "exact-match" }, { type: "exact-match" }] }),
    );
    expect(dupNames.message).toMatch(/scorers\.1\.name: Scorer name "exact-match" is used twice/);

    // @ts-expect-error unknown target kind on purpose
    const kind = await errorOf(caller.runs.trigger({ datasetId: ds.id, target: { kind: "teleport" } }));
    expect(kind.code).toBe("BAD_REQUEST");
    expect((await caller.runs.list({ datasetId: ds.id })).total).toBe(0);
  });
});

describe("runs.list / results / get", () => {
  it("lists runs by dataset and status, pages results, filters errored ones", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "listing" });
    await caller.items.bulkAdd({ datasetId: ds.id, items: Array.from({ length: 10 }, (_, i) => ({ input: i, expectedOutput: i })) });
    const { runId } = await caller.runs.trigger({
      datasetId: ds.id,
      // Some items error (the demo target fails at random); all ten erroring is 0.3^10 unlikely.
      target: { kind: "demo", latencyMs: 0, jitterMs: 0, failureRate: 0.3 },
      scorers: [{ type: "exact-match" }, { type: "contains", params: { values: ["1"] } }],
    });
    const run = await waitFor(async () => {
      const r = await caller.runs.get({ id: runId });
      return r.status === "completed" || r.status === "failed" ? r : null;
    });
    const list = await caller.runs.list({ datasetId: ds.id, status: run.status });
    expect(list.runs.map((r) => r.id)).toEqual([runId]);
    expect(list.runs[0]).toMatchObject({ targetKind: "demo", datasetName: "listing" });
    // Each scorer's figures, the same as the run's summary (errored items count as 0, not passed).
    expect(run.summary?.scorers.length).toBeGreaterThan(0);
    expect(list.runs[0]!.scores).toEqual(run.summary!.scorers.map(({ name, mean, passRate }) => ({ name, mean, passRate })));

    const page1 = await caller.runs.results({ runId, page: 1, pageSize: 4 });
    const page3 = await caller.runs.results({ runId, page: 3, pageSize: 4 });
    expect(page1.results).toHaveLength(4);
    expect(page3.results).toHaveLength(2);
    const errored = await caller.runs.results({ runId, filter: "errored" });
    expect(errored.total).toBe(run.failedCount);
    expect(errored.results.every((r) => r.error !== null)).toBe(true);

    const one = await caller.runs.result({ id: page1.results[0]!.id });
    expect(one.id).toBe(page1.results[0]!.id);
    // Scores come in the run's scorer order (as its figures are listed), not by name.
    const answered = (await caller.runs.results({ runId, filter: "succeeded" })).results[0]!;
    expect(answered.scores.map((score) => score.name)).toEqual(["exact-match", "contains"]);
    expect((await caller.runs.result({ id: answered.id })).scores.map((score) => score.name)).toEqual(["exact-match", "contains"]);
    expect((await errorOf(caller.runs.get({ id: "missing" }))).code).toBe("NOT_FOUND");
  });

  it("sorts runs newest or oldest first", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "sorting" });
    await caller.items.add({ datasetId: ds.id, item: { input: 1 } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await caller.runs.trigger({ datasetId: ds.id, target: { kind: "demo", latencyMs: 0 } })).runId);
      // Distinct creation times: the order is by createdAt alone.
      const created = (await caller.runs.get({ id: ids[i]! })).createdAt.getTime();
      await waitFor(async () => (Date.now() > created ? true : null));
    }
    expect((await caller.runs.list({ datasetId: ds.id })).runs.map((r) => r.id)).toEqual([...ids].reverse());
    expect((await caller.runs.list({ datasetId: ds.id, sort: "oldest" })).runs.map((r) => r.id)).toEqual(ids);
    expect((await caller.runs.list({ datasetId: ds.id, sort: "oldest", page: 2, pageSize: 2 })).runs.map((r) => r.id)).toEqual([ids[2]]);
  });

  it("masks header values of an http target", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "secrets" });
    await caller.items.add({ datasetId: ds.id, item: { input: 1 } });
    const { runId } = await caller.runs.trigger({
      datasetId: ds.id,
      target: { kind: "http", url: "http://127.0.0.1:9/", headers: { authorization: "Bearer sk-very-secret" } },
      settings: { retries: 0 },
    });
    const run = await caller.runs.get({ id: runId });
    expect(JSON.stringify(run)).not.toContain("sk-very-secret");
    expect(run.target).toMatchObject({ kind: "http", headers: { authorization: "••••••" } });
  });
});

describe("runs.distributions", () => {
  it("counts score values into ten bins per scorer and latencies into readable bins", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "histogram" });
    await caller.items.bulkAdd({
      datasetId: ds.id,
      items: ["abcd", "abcx", "abxx", "axxx", "xxxx", "abcd"].map((expected) => ({ input: "abcd", expectedOutput: expected })),
    });
    const { runId } = await caller.runs.trigger({
      datasetId: ds.id,
      target: { kind: "demo", latencyMs: 20, jitterMs: 30, accuracy: 0 },
      scorers: [{ type: "exact-match" }, { type: "levenshtein" }],
    });
    await waitFor(async () => (await caller.runs.get({ id: runId })).status === "completed");
    const { scorers, latency } = await caller.runs.distributions({ runId });
    const exact = scorers.find((s) => s.name === "exact-match")!;
    expect(exact.bins).toHaveLength(10);
    expect(exact.bins.reduce((n, b) => n + b.count, 0)).toBe(6);
    expect(exact.bins[9]!.count + exact.bins[0]!.count).toBe(6);
    const lev = scorers.find((s) => s.name === "levenshtein")!;
    expect(lev.bins.reduce((n, b) => n + b.count, 0)).toBe(6);
    expect(latency.bins.reduce((n, b) => n + b.count, 0)).toBe(6);
    expect(latency.bins[0]!.from).toBeGreaterThanOrEqual(0);
    for (const bin of latency.bins) expect(bin.to).toBeGreaterThan(bin.from);
  });
});

describe("histogram counts", () => {
  it("put each value in the bin whose range holds it, as the JavaScript definition does, and are stored with the summary", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "bin-edges" });
    const values = [0, 0.05, 0.1, 0.2, 0.3, 0.1 + 0.2, 0.6, 0.7, 0.8999999, 0.9, 0.95, 1, null];
    const latencies = [0, 1, 7, 12, 24, 25, 99, 100, 1234, null];
    await caller.items.bulkAdd({ datasetId: ds.id, items: values.map((_, i) => ({ input: i })) });
    const items = await db.datasetItem.findMany({ where: { datasetId: ds.id }, orderBy: { ordinal: "asc" } });
    const run = await db.run.create({
      data: { datasetId: ds.id, datasetVersion: 1, target: { kind: "echo" }, scorers: [], settings: {}, total: items.length, status: "completed" },
    });
    for (const [i, item] of items.entries()) {
      await db.result.create({
        data: {
          runId: run.id,
          datasetItemId: item.id,
          itemId: item.itemId,
          ordinal: item.ordinal,
          latencyMs: latencies[i % latencies.length] ?? null,
          scores: { create: [{ runId: run.id, name: "s", value: values[i] ?? null }] },
        },
      });
    }
    const counted = await countDistributions(run.id, ["s"]);
    const expected = Array.from(
      { length: 10 },
      (_, bin) => values.filter((v) => v !== null && v >= bin / 10 && (bin === 9 ? v <= 1 : v < (bin + 1) / 10)).length,
    );
    expect(counted.scorers[0]!.bins.map((b) => b.count)).toEqual(expected);
    const stored = items.flatMap((_, i) => latencies[i % latencies.length] ?? []);
    for (const bin of counted.latency.bins) {
      expect(bin.count).toBe(stored.filter((l) => l >= bin.from && l < bin.to).length);
    }
    expect(counted.latency.bins.reduce((n, b) => n + b.count, 0)).toBe(stored.length);

    // The executor stores the same counts with the summary; the API answers them from there.
    const summary = await computeRunSummary({ id: run.id, startedAt: null, executedMs: 0, repetitions: 1 }, []);
    expect(summary.distributions).toEqual({ ...counted, scorers: [] });
  });
});

describe("runs.results filters", () => {
  it("filters by failed scores, a score below a value and text, and sorts by latency", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "filters" });
    await caller.items.bulkAdd({
      datasetId: ds.id,
      items: [
        { input: "alpha", expectedOutput: "alpha" },
        { input: "beta", expectedOutput: "bet" },
        { input: "gamma", expectedOutput: "something else entirely" },
      ],
    });
    const { runId } = await caller.runs.trigger({
      datasetId: ds.id,
      target: { kind: "echo" },
      scorers: [{ type: "exact-match" }, { type: "levenshtein", threshold: 0.5 }],
    });
    await waitFor(async () => (await caller.runs.get({ id: runId })).status === "completed");
    const inputs = async (input: Parameters<typeof caller.runs.results>[0]) => (await caller.runs.results(input)).results.map((r) => r.input);
    expect(await inputs({ runId, filter: "failed" })).toEqual(["beta", "gamma"]);
    expect(await inputs({ runId, scoreBelow: { scorer: "levenshtein", value: 0.5 } })).toEqual(["gamma"]);
    expect(await inputs({ runId, search: "ALPH" })).toEqual(["alpha"]);
    expect(await inputs({ runId, search: "entirely" })).toEqual(["gamma"]);
    expect(await inputs({ runId, filter: "failed", search: "bet" })).toEqual(["beta"]);
    const byLatency = (await caller.runs.results({ runId, sort: "latency-desc" })).results.map((r) => r.latencyMs!);
    expect(byLatency).toEqual([...byLatency].sort((a, b) => b - a));
  });
});
