import { describe, expect, it } from "vitest";
import { newId } from "@/lib/id";
import { db } from "@/server/db";
import { api } from "@/test/caller";
import { closeAfterEach, datasetWith, waitForRunEnd } from "@/test/fixtures";
import { json, startHttpTarget } from "@/test/http-target";
import { startOpenAiCompatibleServer } from "@/test/openai-compatible-server";
import { computeRunSummary } from "./engine/summary";
import { isFlaky } from "./metrics";
import { flakyItemCounts, itemStats, scoreCountsOf } from "./server/item-stats";

/**
 * The figures a team ships on: errored items count against a run in its
 * summary, its comparison and (see e2e/system) the CLI's gates.
 */

const closed = closeAfterEach();

/** Answers every input correctly, except that inputs in `failing` get an HTTP 500. */
async function targetFailingOn(failing: (input: string) => boolean) {
  const server = closed(
    await startHttpTarget(({ body }, res) => {
      const input = (body as { input: string }).input;
      if (failing(input)) json(res, 500, { error: "down" });
      else json(res, 200, { output: input });
    }),
  );
  return { kind: "http" as const, url: server.url, outputPath: "output" };
}

async function run(datasetId: string, target: object, scorers: object[] = [{ type: "exact-match" }], settings: object = { retries: 0, concurrency: 8 }) {
  const { runId } = await api().runs.trigger({ datasetId, target: target as never, scorers: scorers as never, settings: settings as never });
  return waitForRunEnd(runId, 30_000);
}

const inputs = (n: number) => Array.from({ length: n }, (_, i) => ({ input: `q${i}`, expectedOutput: `q${i}` }));

describe("errored items count against the run", () => {
  it("summarises a run whose target errored on half its items as mean 0.5, pass rate 0.5, with the errors counted", async () => {
    const ds = await datasetWith(inputs(40));
    const half = await targetFailingOn((input) => Number(input.slice(1)) % 2 === 1);
    const r = await run(ds.id, half, [{ type: "exact-match" }, { type: "levenshtein" }]);
    expect(r).toMatchObject({ status: "completed", doneCount: 40, failedCount: 20 });
    expect(r.summary!.results).toEqual({ total: 40, succeeded: 20, errored: 20 });
    for (const s of r.summary!.scorers) {
      expect(s).toMatchObject({ mean: 0.5, passRate: 0.5, answeredMean: 1, answeredPassRate: 1, counted: 40, scored: 20, targetErrors: 20, scorerErrors: 0 });
    }
  });

  it("gives about 0.5 on the demo model failing half of the time, and exactly what its counts say", async () => {
    const ds = await datasetWith(inputs(200));
    const r = await run(ds.id, { kind: "demo", latencyMs: 0, jitterMs: 0, failureRate: 0.5, accuracy: 1 }, [{ type: "exact-match" }], {
      retries: 0,
      concurrency: 16,
    });
    const errored = r.summary!.results.errored;
    expect(errored).toBe(r.failedCount);
    expect(errored).toBeGreaterThan(60);
    expect(errored).toBeLessThan(140);
    const s = r.summary!.scorers[0]!;
    expect(s.mean).toBeCloseTo((200 - errored) / 200, 12);
    expect(s.passRate).toBeCloseTo((200 - errored) / 200, 12);
    expect(s.answeredMean).toBe(1);
  });

  it("leaves skipped gated scores out of the mean, and reports scores a scorer could not compute", async () => {
    const judge = closed(await startOpenAiCompatibleServer(() => ({ status: 503, json: { error: "judge down" } })));
    const ds = await datasetWith([...inputs(4), { input: '{"ok":true}', expectedOutput: "nope" }]);
    const r = await run(ds.id, await targetFailingOn((input) => input === "q3"), [
      { type: "exact-match", name: "exact" },
      { type: "llm-judge", name: "judge", gate: { requires: ["exact"] }, params: { baseUrl: judge.baseUrl, model: "m", retries: 0 } },
    ]);
    const [exact, graded] = r.summary!.scorers;
    // q0-q2 correct, q3 errored, the JSON item wrong.
    expect(exact).toMatchObject({ counted: 5, scored: 4, targetErrors: 1, mean: 3 / 5, passRate: 3 / 5 });
    // The judge ran on q0-q2 (its endpoint failed), was skipped on the wrong item, and q3 errored.
    expect(graded).toMatchObject({
      scorerErrors: 3,
      skipped: 1,
      scored: 0,
      targetErrors: 1,
      counted: 1,
      mean: 0,
      passRate: 0,
      answeredMean: null,
      gated: true,
    });
    expect(r.summary!.scoresNotComputed).toBe(3);
  });

  it("counts the judge's tokens and cost apart from the target's, and in the total", async () => {
    const judge = closed(await startOpenAiCompatibleServer(() => ({ content: '{"score": 1}', promptTokens: 100, completionTokens: 10 })));
    const model = closed(await startOpenAiCompatibleServer(() => ({ content: "answer", promptTokens: 50, completionTokens: 5 })));
    const ds = await datasetWith(inputs(3));
    const r = await run(ds.id, { kind: "openai-chat", baseUrl: model.baseUrl, model: "m", pricing: { promptPer1k: 1, completionPer1k: 2 } }, [
      { type: "llm-judge", params: { baseUrl: judge.baseUrl, model: "j", pricing: { promptPer1k: 10, completionPer1k: 20 } } },
    ]);
    const summary = r.summary!;
    expect(summary.tokens).toEqual({ prompt: 150, completion: 15 });
    expect(summary.costUsd).toBeCloseTo((3 * (50 * 1 + 5 * 2)) / 1000, 12);
    expect(summary.scoring.tokens).toEqual({ prompt: 300, completion: 30 });
    expect(summary.scoring.costUsd).toBeCloseTo((3 * (100 * 10 + 10 * 20)) / 1000, 12);
    expect(summary.totalCostUsd).toBeCloseTo(summary.costUsd! + summary.scoring.costUsd!, 12);
    const results = await api().runs.results({ runId: r.id });
    expect(results.results[0]!.scores[0]).toMatchObject({ promptTokens: 100, completionTokens: 10 });
  });
});

describe("comparison with errors", () => {
  it("counts candidate errors as regressions, is significant, keeps both-errored items unchanged, and lists one-sided scorers", async () => {
    const ds = await datasetWith(inputs(40));
    const scorers = [{ type: "exact-match" }, { type: "levenshtein", name: "only-baseline-sim" }];
    // The baseline errors on q0 and q1; the candidate on every odd item (q1 among them).
    const baseline = await run(ds.id, await targetFailingOn((i) => i === "q0" || i === "q1"), scorers);
    const candidate = await run(ds.id, await targetFailingOn((i) => Number(i.slice(1)) % 2 === 1), [
      { type: "exact-match" },
      { type: "contains", name: "only-candidate", params: { value: "q" } },
    ]);

    const { candidates } = await api().compare.runs({ baselineRunId: baseline.id, candidateRunIds: [candidate.id] });
    const c = candidates[0]!;
    expect(c.scorersOnlyInBaseline).toEqual(["only-baseline-sim"]);
    expect(c.scorersOnlyInCandidate).toEqual(["only-candidate"]);
    expect(c.errored).toEqual({ baseline: 2, candidate: 20 });
    const exact = c.scorers.find((s) => s.name === "exact-match")!;
    // 19 odd items regress (q1 errored in both: unchanged); q0 improves (errored in the baseline only).
    expect(exact).toMatchObject({
      pairs: 40,
      regressions: 19,
      regressionsFromErrors: 19,
      improvements: 1,
      improvementsFromErrors: 1,
      unchanged: 20,
      significant: true,
    });
    expect(exact.baselineMean).toBeCloseTo(38 / 40, 12);
    expect(exact.candidateMean).toBeCloseTo(20 / 40, 12);
    expect(exact.delta).toBeCloseTo(-18 / 40, 12);
    expect(exact.deltaInterval![1]).toBeLessThan(0);
    expect(c).toMatchObject({ regressedItems: 19, improvedItems: 1 });

    const regressed = await api().compare.items({ baselineRunId: baseline.id, candidateRunId: candidate.id, filter: "regressed", pageSize: 100 });
    expect(regressed.total).toBe(19);
    expect(regressed.rows.every((row) => row.candidate!.erroredRepetitions === 1 && row.move === "regressed")).toBe(true);
    const unchanged = await api().compare.items({ baselineRunId: baseline.id, candidateRunId: candidate.id, filter: "unchanged", pageSize: 100 });
    expect(unchanged.rows.find((row) => row.input === "q1")).toMatchObject({ delta: 0, move: "unchanged" });
  });

  it("pairs items on the mean over their repetitions, not repetition by repetition", async () => {
    const ds = await datasetWith(inputs(6));
    // Candidate: the first repetition of each item errors, the other two answer (counted per call).
    const seen = new Map<string, number>();
    const flaky = await targetFailingOn((input) => {
      const n = (seen.get(input) ?? 0) + 1;
      seen.set(input, n);
      return n === 1;
    });
    const baseline = await run(ds.id, await targetFailingOn(() => false));
    const candidate = await run(ds.id, flaky, [{ type: "exact-match" }], { retries: 0, concurrency: 1, repetitions: 3 });
    expect(candidate.summary!.scorers[0]).toMatchObject({ counted: 18, targetErrors: 6, flakyItems: 6 });
    const { candidates } = await api().compare.runs({ baselineRunId: baseline.id, candidateRunIds: [candidate.id] });
    const exact = candidates[0]!.scorers[0]!;
    expect(candidates[0]!.matched).toBe(6);
    expect(exact).toMatchObject({ pairs: 6, regressions: 6, regressionsFromErrors: 0, flakyMoves: 6 });
    expect(exact.candidateMean).toBeCloseTo(2 / 3, 12);
    expect(exact.delta).toBeCloseTo(-1 / 3, 12);
    expect(candidates[0]!.flakyItems).toBe(6);
    const rows = await api().compare.items({ baselineRunId: baseline.id, candidateRunId: candidate.id, filter: "flaky" });
    expect(rows.total).toBe(6);
    expect(rows.rows[0]!.candidate).toMatchObject({ repetitions: 3, erroredRepetitions: 1, passedRepetitions: 2, flaky: true });
  });
});

describe("flaky items", () => {
  it("counts the items that pass in some repetitions and not in others, and filters the results by them", async () => {
    const ds = await datasetWith(inputs(40));
    const r = await run(ds.id, { kind: "demo", latencyMs: 0, jitterMs: 0, accuracy: 0.5 }, [{ type: "exact-match" }], { concurrency: 8, repetitions: 5 });
    const flaky = r.summary!.scorers[0]!.flakyItems!;
    // Not flaky only when all 5 agree: 1/16 of items expected.
    expect(flaky).toBeGreaterThan(25);
    const stats = await itemStats(r.id);
    expect(flaky).toBe([...stats.values()].filter((item) => isFlaky(scoreCountsOf(item, "exact-match"))).length);
    const page = await api().runs.results({ runId: r.id, filter: "flaky", pageSize: 200 });
    expect(page.total).toBe(flaky * 5);
    expect(new Set(page.results.map((x) => x.itemId)).size).toBe(flaky);
    const searched = await api().runs.results({ runId: r.id, filter: "flaky", search: page.results[0]!.input as string, pageSize: 200 });
    expect(searched.results.every((x) => x.itemId === page.results[0]!.itemId || String(x.input).includes(String(page.results[0]!.input)))).toBe(true);
    expect(searched.total).toBeGreaterThanOrEqual(5);
  });

  it("has no flaky count with one repetition", async () => {
    const ds = await datasetWith(inputs(3));
    const r = await run(ds.id, { kind: "echo" });
    expect(r.summary!.scorers[0]!.flakyItems).toBeNull();
  });
});

describe("stored rows", () => {
  async function runWithRows(
    rows: {
      latencyMs: number | null;
      error?: string;
      scores?: { value: number | null; passed: boolean | null; error?: string }[];
      itemIndex?: number;
      repetition?: number;
    }[],
    items = rows.length,
  ) {
    const ds = await datasetWith(inputs(items));
    const dataset = await db.datasetItem.findMany({ where: { datasetId: ds.id }, orderBy: { ordinal: "asc" } });
    const runRow = await db.run.create({
      data: {
        datasetId: ds.id,
        datasetVersion: 1,
        target: { kind: "echo" },
        scorers: [{ type: "exact-match", name: "exact-match", threshold: 1 }],
        settings: { concurrency: 1, timeoutMs: 1000, retries: 0, repetitions: 1 },
        total: rows.length,
        status: "completed",
      },
    });
    for (const [i, row] of rows.entries()) {
      const item = dataset[row.itemIndex ?? i]!;
      await db.result.create({
        data: {
          id: newId(),
          runId: runRow.id,
          datasetItemId: item.id,
          itemId: item.itemId,
          ordinal: item.ordinal,
          repetition: row.repetition ?? 0,
          latencyMs: row.latencyMs,
          error: row.error ?? null,
          output: row.error ? undefined : "x",
          scores: {
            create: (row.scores ?? []).map((s) => ({ runId: runRow.id, name: "exact-match", value: s.value, passed: s.passed, error: s.error ?? null })),
          },
        },
      });
    }
    return runRow;
  }

  it("takes p99 of 25 latencies as the slowest one (nearest rank)", async () => {
    const latencies = Array.from({ length: 25 }, (_, i) => ((i * 37) % 25) + 1); // 1..25, shuffled
    const r = await runWithRows(latencies.map((latencyMs) => ({ latencyMs, scores: [{ value: 1, passed: true }] })));
    const summary = await computeRunSummary({ id: r.id, startedAt: null, executedMs: 0, repetitions: 1 }, [
      { type: "exact-match", name: "exact-match", threshold: 1 } as never,
    ]);
    expect(summary.latencyMs).toMatchObject({ p50: 13, p95: 24, p99: 25 });
  });

  it("counts flaky items in SQL exactly as isFlaky() does", async () => {
    // Item 0: pass, fail -> flaky. Item 1: pass, error -> flaky. Item 2: pass, pass -> not. Item 3: fail, error -> not. Item 4: scorer error, pass -> not.
    const pass = { value: 1, passed: true };
    const fail = { value: 0, passed: false };
    const r = await runWithRows(
      [
        { itemIndex: 0, repetition: 0, latencyMs: 1, scores: [pass] },
        { itemIndex: 0, repetition: 1, latencyMs: 1, scores: [fail] },
        { itemIndex: 1, repetition: 0, latencyMs: 1, scores: [pass] },
        { itemIndex: 1, repetition: 1, latencyMs: 1, error: "boom" },
        { itemIndex: 2, repetition: 0, latencyMs: 1, scores: [pass] },
        { itemIndex: 2, repetition: 1, latencyMs: 1, scores: [pass] },
        { itemIndex: 3, repetition: 0, latencyMs: 1, scores: [fail] },
        { itemIndex: 3, repetition: 1, latencyMs: 1, error: "boom" },
        { itemIndex: 4, repetition: 0, latencyMs: 1, scores: [{ value: null, passed: null, error: "scorer threw" }] },
        { itemIndex: 4, repetition: 1, latencyMs: 1, scores: [pass] },
      ],
      5,
    );
    expect((await flakyItemCounts(r.id)).get("exact-match")).toBe(2);
    const stats = await itemStats(r.id);
    expect([...stats.values()].filter((item) => isFlaky(scoreCountsOf(item, "exact-match"))).map((item) => item.ordinal)).toEqual([1, 2]);
  });

  it("recomputes a finished run's summary written under the old rules", async () => {
    const r = await runWithRows([
      { latencyMs: 5, scores: [{ value: 1, passed: true }] },
      { latencyMs: 9, error: "boom" },
    ]);
    // The old shape: a mean over answered items only, no version.
    await db.run.update({
      where: { id: r.id },
      data: { summary: { results: { total: 2, succeeded: 1, errored: 1 }, scorers: [{ name: "exact-match", mean: 1, passRate: 1 }] } },
    });
    const shown = await api().runs.get({ id: r.id });
    expect(shown.summary!.scorers[0]).toMatchObject({ mean: 0.5, passRate: 0.5, answeredMean: 1, targetErrors: 1 });
    const stored = await db.run.findUniqueOrThrow({ where: { id: r.id } });
    expect((stored.summary as { version?: number }).version).toBe(2);
  });
});
