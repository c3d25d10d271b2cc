import { describe, expect, it } from "vitest";
import { api } from "@/test/caller";
import { closeAfterEach, waitForRunEnd } from "@/test/fixtures";
import { json, startHttpTarget } from "@/test/http-target";
import { bootstrapMeanInterval } from "./bootstrap";

const closed = closeAfterEach();

/** A target that answers right except for the inputs in `wrong`. */
async function answerer(wrong: Set<string>) {
  const server = await startHttpTarget(({ body }, res) => {
    const input = (body as { input: string }).input;
    json(res, 200, { output: wrong.has(input) ? `${input}?` : input });
  });
  return closed(server).url;
}

async function runOn(datasetId: string, url: string) {
  const caller = api();
  const { runId } = await caller.runs.trigger({
    datasetId,
    target: { kind: "http", url, outputPath: "output" },
    scorers: [{ type: "exact-match" }, { type: "levenshtein" }],
  });
  await waitForRunEnd(runId);
  return runId;
}

describe("bootstrap interval", () => {
  it("is a point for constant deltas and close to the normal interval for a large sample", () => {
    expect(bootstrapMeanInterval([0.25, 0.25, 0.25])).toEqual([0.25, 0.25]);
    expect(bootstrapMeanInterval([1])).toBeNull();
    const values = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const [lo, hi] = bootstrapMeanInterval(values)!;
    const halfWidth = 1.96 * Math.sqrt(0.25 / 2000);
    expect(lo).toBeCloseTo(0.5 - halfWidth, 1);
    expect(hi).toBeCloseTo(0.5 + halfWidth, 1);
    expect(bootstrapMeanInterval(values)).toEqual([lo, hi]);
  });
});

describe("compare", () => {
  it("gives per-scorer deltas with a confidence interval and regression counts, and the items behind them", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "compare-basic" });
    const inputs = Array.from({ length: 20 }, (_, i) => `answer-${i}`);
    await caller.items.bulkAdd({ datasetId: ds.id, items: inputs.map((input) => ({ input, expectedOutput: input })) });
    const baseline = await runOn(ds.id, await answerer(new Set(["answer-3"])));
    const candidate = await runOn(ds.id, await answerer(new Set(["answer-1", "answer-2", "answer-5", "answer-8"])));

    const { baseline: base, candidates } = await caller.compare.runs({ baselineRunId: baseline, candidateRunIds: [candidate] });
    expect(base.id).toBe(baseline);
    const [c] = candidates;
    expect(c).toMatchObject({ matched: 20, onlyBaseline: 0, onlyCandidate: 0, versionMismatch: false, regressedItems: 4, improvedItems: 1 });
    const exact = c!.scorers.find((s) => s.name === "exact-match")!;
    expect(exact).toMatchObject({ pairs: 20, regressions: 4, improvements: 1, unchanged: 15, baselineMean: 0.95, candidateMean: 0.8 });
    expect(exact.delta).toBeCloseTo(-0.15, 10);
    const [lo, hi] = exact.deltaInterval!;
    expect(lo).toBeLessThanOrEqual(-0.15);
    expect(hi).toBeGreaterThanOrEqual(-0.15);

    const regressed = await caller.compare.items({ baselineRunId: baseline, candidateRunId: candidate, scorer: "exact-match", filter: "regressed" });
    expect(regressed.total).toBe(4);
    expect(regressed.rows.map((r) => r.input)).toEqual(["answer-1", "answer-2", "answer-5", "answer-8"]);
    expect(regressed.rows[0]).toMatchObject({ delta: -1, baseline: { output: "answer-1" }, candidate: { output: "answer-1?" } });

    const improved = await caller.compare.items({ baselineRunId: baseline, candidateRunId: candidate, filter: "improved" });
    expect(improved).toMatchObject({ scorer: "exact-match", total: 1 });
    expect(improved.rows[0]!.input).toBe("answer-3");

    const worstFirst = await caller.compare.items({
      baselineRunId: baseline,
      candidateRunId: candidate,
      scorer: "levenshtein",
      sort: "delta-asc",
      pageSize: 3,
    });
    expect(worstFirst.rows.every((r) => r.delta! < 0)).toBe(true);
    expect(worstFirst.total).toBe(20);
  });

  it("matches items across dataset versions and says so", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "compare-versions" });
    const { itemIds } = await caller.items.bulkAdd({ datasetId: ds.id, items: ["a", "b", "c"].map((input) => ({ input, expectedOutput: input })) });
    const url = await answerer(new Set());
    const before = await runOn(ds.id, url);
    await caller.items.delete({ itemIds: [itemIds[2]!] });
    await caller.items.add({ datasetId: ds.id, item: { input: "d", expectedOutput: "d" } });
    const after = await runOn(ds.id, url);
    const [c] = (await caller.compare.runs({ baselineRunId: before, candidateRunIds: [after] })).candidates;
    expect(c).toMatchObject({ versionMismatch: true, matched: 2, onlyBaseline: 1, onlyCandidate: 1 });
    const gone = await caller.compare.items({ baselineRunId: before, candidateRunId: after, filter: "only-baseline" });
    expect(gone.rows.map((r) => [r.input, r.candidate])).toEqual([["c", null]]);
    const added = await caller.compare.items({ baselineRunId: before, candidateRunId: after, filter: "only-candidate" });
    expect(added.rows.map((r) => [r.input, r.baseline])).toEqual([["d", null]]);
  });

  it("refuses runs on different datasets, a run against itself, and unknown scorers", async () => {
    const caller = api();
    const one = await caller.datasets.create({ name: "compare-one" });
    const two = await caller.datasets.create({ name: "compare-two" });
    await caller.items.add({ datasetId: one.id, item: { input: "x", expectedOutput: "x" } });
    await caller.items.add({ datasetId: two.id, item: { input: "x", expectedOutput: "x" } });
    const url = await answerer(new Set());
    const a = await runOn(one.id, url);
    const b = await runOn(two.id, url);
    await expect(caller.compare.runs({ baselineRunId: a, candidateRunIds: [b] })).rejects.toThrow(/another dataset/);
    await expect(caller.compare.runs({ baselineRunId: a, candidateRunIds: [a] })).rejects.toThrow(/compared with itself/);
    await expect(caller.compare.runs({ baselineRunId: a, candidateRunIds: ["missing"] })).rejects.toThrow(/Run "missing" was not found/);
    const a2 = await runOn(one.id, url);
    await expect(caller.compare.items({ baselineRunId: a, candidateRunId: a2, scorer: "nope" })).rejects.toThrow(/Both runs need a scorer named "nope"/);
  });
});
