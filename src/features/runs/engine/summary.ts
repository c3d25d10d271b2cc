import type { ScorerConfig } from "@/features/scorers";
import { yieldToEventLoop } from "@/lib/yield";
import { driverSql, type Sql, sqlText } from "@/server/driver-sql";
import { nearestRankIndex, runDurationMs, scoreFigures } from "../metrics";
import { SUMMARY_VERSION, type StoredRunSummary } from "../schemas";
import { countDistributions } from "../server/distributions";
import { flakyItemCounts } from "../server/item-stats";

/**
 * A run's results in one pass: counts, latency mean and usage. Counts are cast
 * to integers and sums read through `numberOrNull`: PostgreSQL's driver gives
 * 64-bit sums and AVG as strings.
 */
const RESULT_TOTALS = sqlText(`
  SELECT CAST(COUNT(*) AS INTEGER) AS "total", CAST(COUNT("error") AS INTEGER) AS "errored",
    CAST(COUNT("latencyMs") AS INTEGER) AS "latencyCount", AVG("latencyMs") AS "latencyMean",
    SUM("promptTokens") AS "promptTokens", SUM("completionTokens") AS "completionTokens", SUM("costUsd") AS "costUsd"
  FROM "Result" WHERE "runId" = ?`);

/** Each scorer's scores in one pass (one group per scorer name). */
const SCORE_TOTALS = sqlText(`
  SELECT "name", SUM("value") AS "valueSum", CAST(COUNT("value") AS INTEGER) AS "scored",
    CAST(SUM(CASE WHEN "passed" THEN 1 ELSE 0 END) AS INTEGER) AS "passed",
    CAST(COUNT("error") AS INTEGER) AS "scorerErrors",
    CAST(SUM(CASE WHEN "skipped" THEN 1 ELSE 0 END) AS INTEGER) AS "skipped",
    SUM("promptTokens") AS "promptTokens", SUM("completionTokens") AS "completionTokens", SUM("costUsd") AS "costUsd"
  FROM "Score" WHERE "runId" = ? GROUP BY "name"`);

/** The latency of nearest rank `offset + 1`, by the (runId, latencyMs) index. */
const LATENCY_AT_RANK = sqlText(`SELECT "latencyMs" FROM "Result" WHERE "runId" = ? AND "latencyMs" IS NOT NULL ORDER BY "latencyMs" LIMIT 1 OFFSET ?`);

type Sum = number | string | null;
interface ResultTotals {
  total: number;
  errored: number;
  latencyCount: number;
  latencyMean: Sum;
  promptTokens: Sum;
  completionTokens: Sum;
  costUsd: Sum;
}
interface ScoreTotals {
  name: string;
  valueSum: Sum;
  scored: number;
  passed: number;
  scorerErrors: number;
  skipped: number;
  promptTokens: Sum;
  completionTokens: Sum;
  costUsd: Sum;
}

const numberOrNull = (value: Sum) => (value === null ? null : Number(value));
/** A sum over groups: null when every group's is (as SQL's SUM over no values). */
const sumOrNull = (...values: (number | null)[]) => (values.every((v) => v === null) ? null : values.reduce<number>((sum, v) => sum + (v ?? 0), 0));

async function latencyPercentile(sql: Sql, runId: string, count: number, p: number): Promise<number | null> {
  if (count === 0) return null;
  const [row] = await sql.rows<{ latencyMs: number | null }>(LATENCY_AT_RANK, [runId, nearestRankIndex(count, p)]);
  return row?.latencyMs ?? null;
}

/**
 * Aggregates a run's results in the database (never loads them all) into the
 * figures of ../metrics.ts, and the histograms the run page shows. The run's
 * executor computes it every 2 s while the run writes, so it reads on the
 * driver (src/server/driver-sql.ts): one pass over the results, one over the
 * scores, three index lookups for the latency percentiles and the histograms.
 * It took 9 Prisma aggregates and groupings before, each a scan of the run.
 */
export async function computeRunSummary(
  run: { id: string; startedAt: Date | null; executedMs: number; completedAt?: Date | null; repetitions: number },
  scorers: ScorerConfig[],
): Promise<StoredRunSummary> {
  const runId = run.id;
  const sql = driverSql();
  // One query at a time with a turn of the event loop between them: SQLite
  // answers synchronously, and a summary over 100k results must not hold up
  // the requests the server is serving meanwhile.
  const step = async <T>(query: () => Promise<T>): Promise<T> => {
    const value = await query();
    await yieldToEventLoop(0);
    return value;
  };
  const [results] = await step(() => sql.rows<ResultTotals>(RESULT_TOTALS, [runId]));
  if (!results) throw new Error(`The totals of run ${runId} came back empty.`);
  const scoreRows = await step(() => sql.rows<ScoreTotals>(SCORE_TOTALS, [runId]));
  const flaky = run.repetitions > 1 ? await step(() => flakyItemCounts(runId)) : null;
  const { total, errored, latencyCount } = results;
  const p50 = await step(() => latencyPercentile(sql, runId, latencyCount, 0.5));
  const p95 = await step(() => latencyPercentile(sql, runId, latencyCount, 0.95));
  const p99 = await step(() => latencyPercentile(sql, runId, latencyCount, 0.99));
  const distributions = await step(() =>
    countDistributions(
      runId,
      scorers.map((scorer) => scorer.name),
    ),
  );

  const scorerSummaries = scorers.map((scorer) => {
    const row = scoreRows.find((candidate) => candidate.name === scorer.name);
    const counts = {
      valueSum: numberOrNull(row?.valueSum ?? null) ?? 0,
      scored: row?.scored ?? 0,
      passed: row?.passed ?? 0,
      targetErrors: errored,
      scorerErrors: row?.scorerErrors ?? 0,
      skipped: row?.skipped ?? 0,
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

  const targetCost = numberOrNull(results.costUsd);
  const scoringCost = sumOrNull(...scoreRows.map((row) => numberOrNull(row.costUsd)));
  const scoringTokens = (key: "promptTokens" | "completionTokens") => scoreRows.reduce((sum, row) => sum + (numberOrNull(row[key]) ?? 0), 0);
  const latencyMean = numberOrNull(results.latencyMean);
  const end = run.completedAt ?? new Date();
  return {
    version: SUMMARY_VERSION,
    results: { total, succeeded: total - errored, errored },
    scoresNotComputed: scorerSummaries.reduce((sum, s) => sum + s.scorerErrors, 0),
    scorers: scorerSummaries,
    latencyMs: { p50, p95, p99, mean: latencyMean === null ? null : Math.round(latencyMean) },
    tokens: { prompt: numberOrNull(results.promptTokens) ?? 0, completion: numberOrNull(results.completionTokens) ?? 0 },
    costUsd: targetCost,
    scoring: { tokens: { prompt: scoringTokens("promptTokens"), completion: scoringTokens("completionTokens") }, costUsd: scoringCost },
    totalCostUsd: sumOrNull(targetCost, scoringCost),
    durationMs: runDurationMs(run, end),
    distributions,
  };
}
