import type { ScorerConfig } from "@/features/scorers";
import { yieldToEventLoop } from "@/lib/yield";
import { db } from "@/server/db";
import { nearestRankIndex, runDurationMs, scoreFigures } from "../metrics";
import { SUMMARY_VERSION, type StoredRunSummary } from "../schemas";
import { countDistributions } from "../server/distributions";
import { flakyItemCounts } from "../server/item-stats";

async function latencyPercentile(runId: string, count: number, p: number): Promise<number | null> {
  if (count === 0) return null;
  const row = await db.result.findFirst({
    where: { runId, latencyMs: { not: null } },
    orderBy: { latencyMs: "asc" },
    skip: nearestRankIndex(count, p),
    select: { latencyMs: true },
  });
  return row?.latencyMs ?? null;
}

const sumOrNull = (...values: (number | null)[]) => (values.every((v) => v === null) ? null : values.reduce<number>((sum, v) => sum + (v ?? 0), 0));

/**
 * Aggregates a run's results in the database (never loads them all) into the
 * figures of ../metrics.ts, and the histograms the run page shows.
 */
export async function computeRunSummary(
  run: { id: string; startedAt: Date | null; executedMs: number; completedAt?: Date | null; repetitions: number },
  scorers: ScorerConfig[],
): Promise<StoredRunSummary> {
  const runId = run.id;
  // One query at a time with a turn of the event loop between them: SQLite
  // answers synchronously, and a summary over 100k results must not hold up
  // the requests the server is serving meanwhile.
  const step = async <T>(query: () => Promise<T>): Promise<T> => {
    const value = await query();
    await yieldToEventLoop(0);
    return value;
  };
  const total = await step(() => db.result.count({ where: { runId } }));
  const errored = await step(() => db.result.count({ where: { runId, error: { not: null } } }));
  const latency = await step(() => db.result.aggregate({ where: { runId, latencyMs: { not: null } }, _count: { latencyMs: true }, _avg: { latencyMs: true } }));
  const usage = await step(() => db.result.aggregate({ where: { runId }, _sum: { promptTokens: true, completionTokens: true, costUsd: true } }));
  const scoring = await step(() => db.score.aggregate({ where: { runId }, _sum: { promptTokens: true, completionTokens: true, costUsd: true } }));
  const computed = await step(() => db.score.groupBy({ by: ["name"], where: { runId, value: { not: null } }, _sum: { value: true }, _count: { _all: true } }));
  const passedByScorer = await step(() => db.score.groupBy({ by: ["name"], where: { runId, passed: true }, _count: { _all: true } }));
  const scorerErrors = await step(() => db.score.groupBy({ by: ["name"], where: { runId, error: { not: null } }, _count: { _all: true } }));
  const skippedByScorer = await step(() => db.score.groupBy({ by: ["name"], where: { runId, skipped: true }, _count: { _all: true } }));
  const flaky = run.repetitions > 1 ? await step(() => flakyItemCounts(runId)) : null;
  const latencyCount = latency._count.latencyMs;
  const p50 = await step(() => latencyPercentile(runId, latencyCount, 0.5));
  const p95 = await step(() => latencyPercentile(runId, latencyCount, 0.95));
  const p99 = await step(() => latencyPercentile(runId, latencyCount, 0.99));
  const distributions = await step(() =>
    countDistributions(
      runId,
      scorers.map((scorer) => scorer.name),
    ),
  );

  const countOf = (rows: { name: string; _count: { _all: number } }[], name: string) => rows.find((row) => row.name === name)?._count._all ?? 0;
  const scorerSummaries = scorers.map((scorer) => {
    const values = computed.find((row) => row.name === scorer.name);
    const counts = {
      valueSum: values?._sum.value ?? 0,
      scored: values?._count._all ?? 0,
      passed: countOf(passedByScorer, scorer.name),
      targetErrors: errored,
      scorerErrors: countOf(scorerErrors, scorer.name),
      skipped: countOf(skippedByScorer, scorer.name),
    };
    const { valueSum: _sum, passed: _passed, ...reported } = counts;
    return {
      name: scorer.name,
      ...scoreFigures(counts),
      ...reported,
      threshold: scorer.threshold,
      gated: (scorer.gate?.requires.length ?? 0) > 0,
      flakyItems: flaky ? (flaky.get(scorer.name) ?? 0) : null,
    };
  });

  const targetCost = usage._sum.costUsd ?? null;
  const scoringCost = scoring._sum.costUsd ?? null;
  const end = run.completedAt ?? new Date();
  return {
    version: SUMMARY_VERSION,
    results: { total, succeeded: total - errored, errored },
    scoresNotComputed: scorerSummaries.reduce((sum, s) => sum + s.scorerErrors, 0),
    scorers: scorerSummaries,
    latencyMs: { p50, p95, p99, mean: latency._avg.latencyMs === null ? null : Math.round(latency._avg.latencyMs) },
    tokens: { prompt: usage._sum.promptTokens ?? 0, completion: usage._sum.completionTokens ?? 0 },
    costUsd: targetCost,
    scoring: { tokens: { prompt: scoring._sum.promptTokens ?? 0, completion: scoring._sum.completionTokens ?? 0 }, costUsd: scoringCost },
    totalCostUsd: sumOrNull(targetCost, scoringCost),
    durationMs: runDurationMs(run, end),
    distributions,
  };
}
