import type { Prisma } from "@/generated/prisma/client";
import { Prisma as PrismaNs } from "@/generated/prisma/client";
import { boolFromColumn, dateFromColumn, jsonFromColumn } from "@/server/bulk-insert";
import { driverSql, sqlIn, sqlList, sqlText, timestampAsText } from "@/server/driver-sql";
import type { ListResultsInput } from "../schemas";
import { flakyItemsSql } from "./item-stats";

/**
 * The rows behind the answers every open run page polls (`get` and the results
 * page), read on the database driver (src/server/driver-sql.ts) in the shapes
 * Prisma would give, so the read model maps them as before. Through Prisma a
 * run page's reads took 2–13 ms of the web server's thread on SQLite (its
 * query compiler and interpreter, for a handful of rows); every poll queued
 * behind them, and 50 pages polling a running run saw p99 answers of 40 ms.
 */

export const runInclude = { dataset: { select: { name: true } }, savedTarget: { select: { name: true } } } as const;
export type RunRow = Prisma.RunGetPayload<{ include: typeof runInclude }>;

export const resultInclude = {
  datasetItem: { select: { input: true, expectedOutput: true, metadata: true } },
  scores: {
    select: { name: true, value: true, passed: true, reason: true, error: true, skipped: true, promptTokens: true, completionTokens: true, costUsd: true },
    orderBy: { name: "asc" },
  },
} as const;
export type ResultRow = Prisma.ResultGetPayload<{ include: typeof resultInclude }>;

/** A run row as the driver returns it: JSON and timestamps still in their stored form. */
type StoredRun = Omit<RunRow, "target" | "scorers" | "settings" | "summary" | "dataset" | "savedTarget" | TimestampOf<RunRow>> &
  Record<"target" | "scorers" | "settings" | "summary" | TimestampOf<RunRow>, unknown> & { datasetName: string; targetName: string | null };

/** The keys of a row's Date columns. */
type TimestampOf<Row> = { [K in keyof Row]: Row[K] extends Date | null ? K : never }[keyof Row];

const RUN_SELECT = sqlText(`
  SELECT r."id", r."datasetId", r."datasetVersion", r."name", r."targetId", r."target", r."scorers", r."settings", r."status",
    r."total", r."doneCount", r."failedCount", r."error", r."summary", r."round", r."idempotencyKey", r."leaseOwner",
    ${timestampAsText(`r."leaseExpiresAt"`)} AS "leaseExpiresAt", ${timestampAsText(`r."startedAt"`)} AS "startedAt", r."executedMs",
    ${timestampAsText(`r."completedAt"`)} AS "completedAt", ${timestampAsText(`r."createdAt"`)} AS "createdAt", ${timestampAsText(`r."updatedAt"`)} AS "updatedAt",
    d."name" AS "datasetName", t."name" AS "targetName"
  FROM "Run" r JOIN "Dataset" d ON d."id" = r."datasetId" LEFT JOIN "Target" t ON t."id" = r."targetId"
  WHERE r."id" = ?`);

/** A run with its dataset's and saved target's names, as `db.run.findUnique({ include: runInclude })` gives it. */
export async function readRunRow(id: string): Promise<RunRow | null> {
  const [row] = await driverSql().rows<StoredRun>(RUN_SELECT, [id]);
  if (!row) return null;
  const { datasetName, targetName, ...run } = row;
  return {
    ...run,
    target: jsonFromColumn(run.target)!,
    scorers: jsonFromColumn(run.scorers)!,
    settings: jsonFromColumn(run.settings)!,
    summary: jsonFromColumn(run.summary),
    leaseExpiresAt: dateFromColumn(run.leaseExpiresAt),
    startedAt: dateFromColumn(run.startedAt),
    completedAt: dateFromColumn(run.completedAt),
    createdAt: dateFromColumn(run.createdAt)!,
    updatedAt: dateFromColumn(run.updatedAt)!,
    dataset: { name: datasetName },
    savedTarget: targetName === null ? null : { name: targetName },
  };
}

const RUN_HEAD = sqlText(`SELECT "doneCount", "scorers", "summary" FROM "Run" WHERE "id" = ?`);

/**
 * What a results page or the histograms need of their run: its done counter
 * (kept equal to its result rows: the unfiltered total), its scorers and its
 * stored summary.
 */
export async function readRunHead(id: string): Promise<{ doneCount: number; scorers: unknown; summary: unknown } | null> {
  const [row] = await driverSql().rows<{ doneCount: number; scorers: unknown; summary: unknown }>(RUN_HEAD, [id]);
  return row ? { doneCount: row.doneCount, scorers: jsonFromColumn(row.scorers), summary: jsonFromColumn(row.summary) } : null;
}

const RESULT_ORDER: Record<ListResultsInput["sort"], string> = {
  ordinal: `r."ordinal" ASC, r."repetition" ASC`,
  "latency-desc": `CASE WHEN r."latencyMs" IS NULL THEN 1 ELSE 0 END, r."latencyMs" DESC, r."ordinal" ASC`,
  "latency-asc": `CASE WHEN r."latencyMs" IS NULL THEN 1 ELSE 0 END, r."latencyMs" ASC, r."ordinal" ASC`,
};

/** `%text%` for LIKE, with the wildcards of the text itself escaped. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The filters of a results page as SQL over `Result r`; none (besides the run) for "all". */
function resultConditions(input: ListResultsInput): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (input.filter === "errored") conditions.push(PrismaNs.sql`r."error" IS NOT NULL`);
  if (input.filter === "succeeded") conditions.push(PrismaNs.sql`r."error" IS NULL`);
  if (input.filter === "failed") conditions.push(PrismaNs.sql`EXISTS (SELECT 1 FROM "Score" s WHERE s."resultId" = r."id" AND s."passed" = false)`);
  if (input.filter === "flaky") conditions.push(PrismaNs.sql`r."itemId" IN (SELECT f."itemId" FROM (${flakyItemsSql(input.runId)}) f)`);
  if (input.scoreBelow) {
    conditions.push(
      PrismaNs.sql`EXISTS (SELECT 1 FROM "Score" s WHERE s."resultId" = r."id" AND s."name" = ${input.scoreBelow.scorer} AND s."value" < ${input.scoreBelow.value})`,
    );
  }
  if (input.search) {
    const pattern = likeContains(input.search.toLowerCase());
    conditions.push(
      PrismaNs.sql`(r."searchText" LIKE ${pattern} ESCAPE '\\' OR EXISTS (SELECT 1 FROM "DatasetItem" di WHERE di."id" = r."datasetItemId" AND di."searchText" LIKE ${pattern} ESCAPE '\\'))`,
    );
  }
  return conditions;
}

/** A result row with its item's JSON, as the driver returns it. */
type StoredResult = Omit<ResultRow, "output" | "datasetItem" | "scores" | TimestampOf<ResultRow>> &
  Record<"output" | "input" | "expectedOutput" | "metadata" | TimestampOf<ResultRow>, unknown>;

type StoredScore = Omit<ResultRow["scores"][number], "passed" | "skipped"> & { resultId: string; passed: unknown; skipped: unknown };

const SCORES_OF = sqlText(`
  SELECT "resultId", "name", "value", "passed", "reason", "error", "skipped", "promptTokens", "completionTokens", "costUsd"
  FROM "Score" WHERE ${sqlIn(`"resultId"`)} ORDER BY "name" ASC`);

/**
 * One page of a run's results, filtered and sorted in the database, with each
 * result's item and scores; `total` counts the filtered results (null when
 * unfiltered: the caller has the run's counter).
 */
export async function readResultPage(input: ListResultsInput): Promise<{ rows: ResultRow[]; total: number | null }> {
  const sql = driverSql();
  const conditions = resultConditions(input);
  const where = PrismaNs.join([PrismaNs.sql`r."runId" = ${input.runId}`, ...conditions], " AND ");
  const page = PrismaNs.sql`
    SELECT r."id", r."runId", r."datasetItemId", r."itemId", r."ordinal", r."repetition", r."output", r."error", r."latencyMs", r."attempts", r."round",
      r."promptTokens", r."completionTokens", r."costUsd", r."searchText",
      ${PrismaNs.raw(timestampAsText(`r."createdAt"`))} AS "createdAt", ${PrismaNs.raw(timestampAsText(`r."updatedAt"`))} AS "updatedAt",
      d."input", d."expectedOutput", d."metadata"
    FROM "Result" r JOIN "DatasetItem" d ON d."id" = r."datasetItemId"
    WHERE ${where} ORDER BY ${PrismaNs.raw(RESULT_ORDER[input.sort])} LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}`;
  const count = PrismaNs.sql`SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "Result" r WHERE ${where}`;
  const [stored, counted] = await Promise.all([
    sql.rows<StoredResult>(sqlText(page.sql), page.values),
    conditions.length === 0 ? null : sql.rows<{ n: number }>(sqlText(count.sql), count.values),
  ]);
  const scores = stored.length === 0 ? [] : await sql.rows<StoredScore>(SCORES_OF, [sqlList(stored.map((row) => row.id))]);
  const byResult = new Map<string, ResultRow["scores"]>();
  for (const { resultId, passed, skipped, ...score } of scores) {
    let list = byResult.get(resultId);
    if (!list) byResult.set(resultId, (list = []));
    list.push({ ...score, passed: boolFromColumn(passed), skipped: boolFromColumn(skipped) ?? false });
  }
  const rows = stored.map(({ input: itemInput, expectedOutput, metadata, ...result }) => ({
    ...result,
    output: jsonFromColumn(result.output),
    createdAt: dateFromColumn(result.createdAt)!,
    updatedAt: dateFromColumn(result.updatedAt)!,
    datasetItem: { input: jsonFromColumn(itemInput)!, expectedOutput: jsonFromColumn(expectedOutput), metadata: jsonFromColumn(metadata) },
    scores: byResult.get(result.id) ?? [],
  }));
  return { rows, total: counted === null ? null : (counted[0]?.n ?? 0) };
}
