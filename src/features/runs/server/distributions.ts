import { driverSql, sqlText } from "@/server/driver-sql";
import type { Distributions } from "../schemas";

type Bin = Distributions["latency"]["bins"][number];

const SCORE_BINS = 10;
const LATENCY_BINS = 12;

/** Bin edges that read well: 0–50 ms, 50–100 ms… rather than 0–47.3. */
function niceStep(span: number, bins: number): number {
  const raw = span / bins;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return Math.max(1, step);
}

const SCORE_BIN_OF = sqlText(`
  SELECT "bin", CAST(COUNT(*) AS INTEGER) AS "count" FROM (
    SELECT CASE ${Array.from({ length: SCORE_BINS - 1 }, (_, i) => `WHEN "value" < ${(i + 1) / SCORE_BINS} THEN ${i}`).join(" ")} ELSE ${SCORE_BINS - 1} END AS "bin"
    FROM "Score" WHERE "runId" = ? AND "name" = ? AND "value" >= 0 AND "value" <= 1
  ) b GROUP BY "bin"`);

/** Two subqueries, each an index lookup: one SELECT of MIN and MAX together had SQLite scan the run's latencies (38 ms at 100k). */
const LATENCY_RANGE = sqlText(`
  SELECT (SELECT MIN("latencyMs") FROM "Result" WHERE "runId" = ? AND "latencyMs" IS NOT NULL) AS "min",
    (SELECT MAX("latencyMs") FROM "Result" WHERE "runId" = ?) AS "max"`);

/**
 * Latency bins of `step` ms from `start` (at or below the least latency): a
 * latency's bin is floor((latency - start) / step). Steps are whole or end in
 * .5 (niceStep), so with both doubled it is an integer division, which both
 * databases truncate — the floor, as nothing is negative.
 */
const LATENCY_BIN_OF = sqlText(`
  SELECT "bin", CAST(COUNT(*) AS INTEGER) AS "count" FROM (
    SELECT CAST((2 * CAST("latencyMs" AS BIGINT) - ?) / ? AS INTEGER) AS "bin" FROM "Result" WHERE "runId" = ? AND "latencyMs" IS NOT NULL
  ) b GROUP BY "bin"`);

/** Counts by bin index as the statements above return them, over `length` bins. */
function binCounts(rows: { bin: number; count: number }[], length: number): number[] {
  const counts = new Array<number>(length).fill(0);
  for (const row of rows) if (row.bin >= 0 && row.bin < length) counts[row.bin] = (counts[row.bin] ?? 0) + row.count;
  return counts;
}

/**
 * Histograms of each scorer's values and of latency, counted in the database
 * on the driver (src/server/driver-sql.ts): one grouped statement per scorer
 * and one for latency, where Prisma took one count per bin (30-odd
 * statements, about 36 ms of the thread on SQLite for any run size). Counting
 * still reads every score of the run, about 60 ms at 100k results: the run's
 * executor counts them with each summary (../engine/summary.ts) and stores
 * them in it, so a polled read counts only for a run whose summary has none.
 */
export async function countDistributions(runId: string, names: string[]): Promise<Distributions> {
  const sql = driverSql();
  const scorers = await Promise.all(
    names.map(async (name) => {
      const counts = binCounts(await sql.rows<{ bin: number; count: number }>(SCORE_BIN_OF, [runId, name]), SCORE_BINS);
      return { name, bins: counts.map((count, i) => ({ from: i / SCORE_BINS, to: (i + 1) / SCORE_BINS, count })) };
    }),
  );

  const [range] = await sql.rows<{ min: number | null; max: number | null }>(LATENCY_RANGE, [runId, runId]);
  let latency: Bin[] = [];
  if (range && range.min !== null && range.max !== null) {
    const { min, max } = range;
    const step = niceStep(Math.max(1, max - min), LATENCY_BINS);
    const start = Math.floor(min / step) * step;
    const length = Math.max(1, Math.ceil((max + 1 - start) / step));
    const counts = binCounts(await sql.rows<{ bin: number; count: number }>(LATENCY_BIN_OF, [2 * start, 2 * step, runId]), length);
    latency = counts.map((count, i) => ({ from: start + i * step, to: start + (i + 1) * step, count }));
  }
  return { scorers, latency: { bins: latency } };
}
