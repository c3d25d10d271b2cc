import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import type { ScoreCounts } from "../metrics";

/**
 * Per-item counts of one run, in portable SQL (GROUP BY and CASE only): what
 * the flaky figures, the results filter and the comparison read, so all of
 * them count an item the same way. The rules applied to these counts live in
 * ../metrics.ts.
 */

/** Per (item, scorer): computed scores, passes, their sum, and the scorer's own errors. */
function scoreCountsSql(runId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT r."itemId" AS "itemId", s."name" AS "name",
      SUM(CASE WHEN s."value" IS NOT NULL THEN 1 ELSE 0 END) AS "scored",
      SUM(CASE WHEN s."passed" = true THEN 1 ELSE 0 END) AS "passed",
      SUM(COALESCE(s."value", 0)) AS "valueSum",
      SUM(CASE WHEN s."error" IS NOT NULL THEN 1 ELSE 0 END) AS "scorerErrors",
      SUM(CASE WHEN s."skipped" = true THEN 1 ELSE 0 END) AS "skipped"
    FROM "Result" r JOIN "Score" s ON s."resultId" = r."id"
    WHERE r."runId" = ${runId}
    GROUP BY r."itemId", s."name"`;
}

/** Per item: its results (repetitions), how many errored, and its position. */
function resultCountsSql(runId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT "itemId", MIN("ordinal") AS "ordinal", COUNT(*) AS "results",
      SUM(CASE WHEN "error" IS NOT NULL THEN 1 ELSE 0 END) AS "errored"
    FROM "Result" WHERE "runId" = ${runId} GROUP BY "itemId"`;
}

/**
 * (itemId, name) of the items flaky on a scorer: isFlaky() of ../metrics.ts
 * written as SQL — passed in some repetitions, and scored-but-failed or
 * errored in others.
 */
export function flakyItemsSql(runId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT p."itemId" AS "itemId", p."name" AS "name"
    FROM (${scoreCountsSql(runId)}) p
    JOIN (${resultCountsSql(runId)}) e ON e."itemId" = p."itemId"
    WHERE p."passed" > 0 AND (p."scored" - p."passed" + e."errored") > 0`;
}

export async function flakyItemCounts(runId: string): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ name: string; n: bigint | number }[]>`
    SELECT f."name" AS "name", COUNT(*) AS "n" FROM (${flakyItemsSql(runId)}) f GROUP BY f."name"`;
  return new Map(rows.map((row) => [row.name, Number(row.n)]));
}

export interface ItemStats {
  itemId: string;
  ordinal: number;
  /** Results of the item in the run: one per repetition executed. */
  results: number;
  errored: number;
  /** Per scorer: the counts of ../metrics.ts over the item's repetitions. */
  scores: Map<string, ScoreCounts>;
}

type ScoreRow = {
  itemId: string;
  name: string;
  scored: bigint | number;
  passed: bigint | number;
  valueSum: number | null;
  scorerErrors: bigint | number;
  skipped: bigint | number;
};
type ResultRow = { itemId: string; ordinal: bigint | number; results: bigint | number; errored: bigint | number };

/** Every item of a run with its per-scorer counts: one row per item and scorer, not per result. */
export async function itemStats(runId: string): Promise<Map<string, ItemStats>> {
  const [results, scores] = await Promise.all([db.$queryRaw<ResultRow[]>(resultCountsSql(runId)), db.$queryRaw<ScoreRow[]>(scoreCountsSql(runId))]);
  const items = new Map<string, ItemStats>();
  for (const row of results) {
    items.set(row.itemId, { itemId: row.itemId, ordinal: Number(row.ordinal), results: Number(row.results), errored: Number(row.errored), scores: new Map() });
  }
  for (const row of scores) {
    const item = items.get(row.itemId);
    if (!item) continue;
    item.scores.set(row.name, {
      valueSum: Number(row.valueSum ?? 0),
      scored: Number(row.scored),
      passed: Number(row.passed),
      targetErrors: item.errored,
      scorerErrors: Number(row.scorerErrors),
      skipped: Number(row.skipped),
    });
  }
  return items;
}

/** The counts of a scorer on an item; an item whose every repetition errored has no score rows. */
export function scoreCountsOf(item: ItemStats, name: string): ScoreCounts {
  return item.scores.get(name) ?? { valueSum: 0, scored: 0, passed: 0, targetErrors: item.errored, scorerErrors: 0, skipped: 0 };
}
