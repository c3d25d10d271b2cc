import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { runScorerNames } from "../run-config";

export interface Bin {
  from: number;
  to: number;
  count: number;
}

const SCORE_BINS = 10;
const LATENCY_BINS = 12;

/** Bin edges that read well: 0–50 ms, 50–100 ms… rather than 0–47.3. */
function niceStep(span: number, bins: number): number {
  const raw = span / bins;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return Math.max(1, step);
}

export type Distributions = { scorers: { name: string; bins: Bin[] }[]; latency: { bins: Bin[] } };

/**
 * Histograms of each scorer's values and of latency, counted in the database
 * (index range counts), so they cost the same at 100 results and at 100,000.
 * Uncached: the run read model (./run-read-model.ts) reads it through the cache.
 */
export async function countDistributions(runId: string): Promise<Distributions> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { scorers: true } });
  if (!run) throw notFound("Run", runId);
  const names = runScorerNames(run.scorers);

  const scorers = await Promise.all(
    names.map(async (name) => ({
      name,
      bins: await Promise.all(
        Array.from({ length: SCORE_BINS }, async (_, i) => {
          const from = i / SCORE_BINS;
          const to = (i + 1) / SCORE_BINS;
          const last = i === SCORE_BINS - 1;
          const count = await db.score.count({ where: { runId, name, value: last ? { gte: from, lte: 1 } : { gte: from, lt: to } } });
          return { from, to, count };
        }),
      ),
    })),
  );

  const range = await db.result.aggregate({ where: { runId, latencyMs: { not: null } }, _min: { latencyMs: true }, _max: { latencyMs: true } });
  const min = range._min.latencyMs;
  const max = range._max.latencyMs;
  let latency: Bin[] = [];
  if (min !== null && max !== null) {
    const step = niceStep(Math.max(1, max - min), LATENCY_BINS);
    const start = Math.floor(min / step) * step;
    const count = Math.max(1, Math.ceil((max + 1 - start) / step));
    latency = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const from = start + i * step;
        const to = from + step;
        return { from, to, count: await db.result.count({ where: { runId, latencyMs: { gte: from, lt: to } } }) };
      }),
    );
  }
  return { scorers, latency: { bins: latency } };
}
