import type { ScorerConfig } from "@/features/scorers/schemas";
import { yieldToEventLoop } from "@/lib/yield";
import { db } from "@/server/db";
import type { RunSummary } from "../schemas";

async function latencyPercentile(runId: string, count: number, p: number): Promise<number | null> {
  if (count === 0) return null;
  const row = await db.result.findFirst({
    where: { runId, latencyMs: { not: null } },
    orderBy: { latencyMs: "asc" },
    skip: Math.min(count - 1, Math.floor(p * (count - 1))),
    select: { latencyMs: true },
  });
  return row?.latencyMs ?? null;
}

/** Aggregates a run's results in the database (never loads them all). */
export async function computeRunSummary(
  run: { id: string; startedAt: Date | null; completedAt?: Date | null },
  scorers: ScorerConfig[],
): Promise<RunSummary> {
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
  const byScorer = await step(() => db.score.groupBy({ by: ["name"], where: { runId, error: null, skipped: false }, _avg: { value: true }, _count: { _all: true } }));
  const passedByScorer = await step(() => db.score.groupBy({ by: ["name"], where: { runId, passed: true }, _count: { _all: true } }));
  const erroredByScorer = await step(() => db.score.groupBy({ by: ["name"], where: { runId, error: { not: null } }, _count: { _all: true } }));
  const skippedByScorer = await step(() => db.score.groupBy({ by: ["name"], where: { runId, skipped: true }, _count: { _all: true } }));
  const latencyCount = latency._count.latencyMs;
  const p50 = await step(() => latencyPercentile(runId, latencyCount, 0.5));
  const p95 = await step(() => latencyPercentile(runId, latencyCount, 0.95));
  const p99 = await step(() => latencyPercentile(runId, latencyCount, 0.99));

  const scorerSummaries = scorers.map((scorer) => {
    const stats = byScorer.find((s) => s.name === scorer.name);
    const scored = stats?._count._all ?? 0;
    const passed = passedByScorer.find((s) => s.name === scorer.name)?._count._all ?? 0;
    return {
      name: scorer.name,
      mean: scored > 0 ? (stats?._avg.value ?? null) : null,
      passRate: scored > 0 ? passed / scored : null,
      threshold: scorer.threshold,
      scored,
      errored: erroredByScorer.find((s) => s.name === scorer.name)?._count._all ?? 0,
      skipped: skippedByScorer.find((s) => s.name === scorer.name)?._count._all ?? 0,
      gated: (scorer.gate?.requires.length ?? 0) > 0,
    };
  });

  const end = run.completedAt ?? new Date();
  return {
    results: { total, succeeded: total - errored, errored },
    scorers: scorerSummaries,
    latencyMs: { p50, p95, p99, mean: latency._avg.latencyMs === null ? null : Math.round(latency._avg.latencyMs) },
    tokens: { prompt: usage._sum.promptTokens ?? 0, completion: usage._sum.completionTokens ?? 0 },
    costUsd: usage._sum.costUsd ?? null,
    durationMs: run.startedAt ? end.getTime() - run.startedAt.getTime() : null,
  };
}
