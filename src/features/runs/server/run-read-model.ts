import type { Prisma } from "@/generated/prisma/client";
import { Prisma as PrismaNs } from "@/generated/prisma/client";
import type { JsonValue } from "@/lib/json";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { computeRunSummary } from "../engine/summary";
import { maskRunConfig, parseRunConfig, parseRunScorers, parseRunSettings, runScorerOrder, runTargetKind } from "../run-config";
import { type ListResultsInput, type ResultDto, type RunDto, type RunListSort, type RunSummary, runSummarySchema } from "../schemas";
import { isTerminal, type RunStatus } from "../status";
import { countDistributions, type Distributions } from "./distributions";
import { flakyItemsSql } from "./item-stats";
import { resultFields } from "./result-pages";
import { readThroughRunCache } from "./run-read-cache";

/**
 * The read side of runs: every answer that shows a run or its results is
 * built here from the stored rows (their config through ../run-config.ts).
 * The answers that open run pages poll — `get`, `results` and
 * `distributions` — are read through the one run read cache
 * (./run-read-cache.ts), which only this module uses: a new polled read
 * joins the cache here, and nothing else has to know the cache's keys.
 * The write side (trigger, cancel, retry) is ./run-service.ts.
 */

const runInclude = { dataset: { select: { name: true } }, savedTarget: { select: { name: true } } } as const;
type RunRow = Prisma.RunGetPayload<{ include: typeof runInclude }>;

/** What the runs list and a run's page both show: no configs or summaries to parse. */
function runOverview(row: RunRow) {
  return {
    id: row.id,
    name: row.name,
    datasetId: row.datasetId,
    datasetName: row.dataset.name,
    datasetVersion: row.datasetVersion,
    status: row.status,
    total: row.total,
    doneCount: row.doneCount,
    failedCount: row.failedCount,
    round: row.round,
    error: row.error,
    targetId: row.targetId,
    targetName: row.savedTarget?.name ?? null,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    executedMs: row.executedMs,
    completedAt: row.completedAt,
    // A lease past its expiry is a dead executor's: nothing more will come from it.
    settled: isTerminal(row.status) && (row.leaseOwner === null || (row.leaseExpiresAt !== null && row.leaseExpiresAt.getTime() < Date.now())),
  };
}

function toRunDto(row: RunRow, summary: RunSummary | null): RunDto {
  return {
    ...runOverview(row),
    summary,
    ...maskRunConfig(parseRunConfig(row)),
  };
}

/**
 * The stored summary, or — for a finished run whose summary was written under
 * older rules (before errored items counted as 0) — a recomputed one, stored
 * back so it is computed once. A running run's summary is refreshed by its
 * executor within seconds.
 */
async function currentSummary(row: RunRow): Promise<RunSummary | null> {
  if (row.summary === null) return null;
  const parsed = runSummarySchema.safeParse(row.summary);
  if (parsed.success) return parsed.data;
  if (!isTerminal(row.status)) return null;
  const settings = parseRunSettings(row.settings);
  const summary = await computeRunSummary(
    { id: row.id, startedAt: row.startedAt, executedMs: row.executedMs, completedAt: row.completedAt, repetitions: settings.repetitions },
    parseRunScorers(row.scorers),
  );
  await db.run.updateMany({ where: { id: row.id, status: row.status }, data: { summary } });
  return summary;
}

/** A run as its page shows it; polled, so answered from the read cache while the run has not changed. */
export function getRun(id: string): Promise<RunDto> {
  return readThroughRunCache(id, "get", async () => {
    const row = await db.run.findUnique({ where: { id }, include: runInclude });
    if (!row) throw notFound("Run", id);
    return toRunDto(row, await currentSummary(row));
  });
}

export async function listRuns(input: { datasetId?: string; status?: RunStatus; page: number; pageSize: number; sort?: RunListSort }) {
  const where: Prisma.RunWhereInput = { datasetId: input.datasetId, status: input.status };
  const [total, rows] = await Promise.all([
    db.run.count({ where }),
    db.run.findMany({
      where,
      orderBy: { createdAt: input.sort === "oldest" ? "asc" : "desc" },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      include: runInclude,
    }),
  ]);
  return {
    // The list shows each scorer's figures from the stored summary (small: one entry per scorer), not the configs.
    runs: rows.map((row) => ({ ...runOverview(row), targetKind: runTargetKind(row.target) ?? "unknown", scores: listedScores(row.summary) })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** Each scorer's mean and pass rate as the stored summary has them (defined in ../metrics.ts); none before the first summary. */
function listedScores(stored: unknown): { name: string; mean: number | null; passRate: number | null }[] {
  const parsed = runSummarySchema.safeParse(stored);
  return parsed.success ? parsed.data.scorers.map(({ name, mean, passRate }) => ({ name, mean, passRate })) : [];
}

const resultInclude = {
  datasetItem: { select: { input: true, expectedOutput: true, metadata: true } },
  scores: {
    select: { name: true, value: true, passed: true, reason: true, error: true, skipped: true, promptTokens: true, completionTokens: true, costUsd: true },
    orderBy: { name: "asc" },
  },
} as const;
type ResultRow = Prisma.ResultGetPayload<{ include: typeof resultInclude }>;

function toResultDto(row: ResultRow, order: Map<string, number>): ResultDto {
  const place = (name: string) => order.get(name) ?? Number.MAX_SAFE_INTEGER;
  return {
    id: row.id,
    ...resultFields(row),
    metadata: (row.datasetItem.metadata ?? null) as JsonValue | null,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    costUsd: row.costUsd,
    round: row.round,
    createdAt: row.createdAt,
    // In the run's scorer order, as its figures are listed (the database returns them by name).
    scores: [...row.scores].sort((a, b) => place(a.name) - place(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

const RESULT_ORDER: Record<ListResultsInput["sort"], Prisma.ResultOrderByWithRelationInput[]> = {
  ordinal: [{ ordinal: "asc" }, { repetition: "asc" }],
  "latency-desc": [{ latencyMs: { sort: "desc", nulls: "last" } }, { ordinal: "asc" }],
  "latency-asc": [{ latencyMs: { sort: "asc", nulls: "last" } }, { ordinal: "asc" }],
};

/** One page of a run's results, filtered and sorted in the database; polled, so read through the cache like getRun. */
export function listResults(input: ListResultsInput) {
  const { runId, ...query } = input;
  return readThroughRunCache(runId, `results ${JSON.stringify(query)}`, () => loadResults(input));
}

/** `%text%` for LIKE, with the wildcards of the text itself escaped. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const RESULT_ORDER_SQL: Record<ListResultsInput["sort"], Prisma.Sql> = {
  ordinal: PrismaNs.sql`r."ordinal" ASC, r."repetition" ASC`,
  "latency-desc": PrismaNs.sql`CASE WHEN r."latencyMs" IS NULL THEN 1 ELSE 0 END, r."latencyMs" DESC, r."ordinal" ASC`,
  "latency-asc": PrismaNs.sql`CASE WHEN r."latencyMs" IS NULL THEN 1 ELSE 0 END, r."latencyMs" ASC, r."ordinal" ASC`,
};

/**
 * The "flaky" filter needs a grouped subquery, which Prisma's where cannot
 * express: the page's ids come from SQL (with the other filters applied the
 * same way), then the rows from Prisma.
 */
async function flakyResultPage(input: ListResultsInput): Promise<{ ids: string[]; total: number }> {
  const conditions: Prisma.Sql[] = [
    PrismaNs.sql`r."runId" = ${input.runId}`,
    PrismaNs.sql`r."itemId" IN (SELECT f."itemId" FROM (${flakyItemsSql(input.runId)}) f)`,
  ];
  if (input.scoreBelow) {
    conditions.push(
      PrismaNs.sql`EXISTS (SELECT 1 FROM "Score" s WHERE s."resultId" = r."id" AND s."name" = ${input.scoreBelow.scorer} AND s."value" < ${input.scoreBelow.value})`,
    );
  }
  if (input.search) {
    const pattern = likeContains(input.search.toLowerCase());
    conditions.push(
      PrismaNs.sql`(r."searchText" LIKE ${pattern} ESCAPE '\\' OR EXISTS (SELECT 1 FROM "DatasetItem" d WHERE d."id" = r."datasetItemId" AND d."searchText" LIKE ${pattern} ESCAPE '\\'))`,
    );
  }
  const where = PrismaNs.join(conditions, " AND ");
  const [rows, counted] = await Promise.all([
    db.$queryRaw<
      { id: string }[]
    >`SELECT r."id" AS "id" FROM "Result" r WHERE ${where} ORDER BY ${RESULT_ORDER_SQL[input.sort]} LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}`,
    db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" FROM "Result" r WHERE ${where}`,
  ]);
  return { ids: rows.map((row) => row.id), total: Number(counted[0]?.n ?? 0) };
}

async function loadResults(input: ListResultsInput) {
  const run = await db.run.findUnique({ where: { id: input.runId }, select: { id: true, doneCount: true, scorers: true } });
  if (!run) throw notFound("Run", input.runId);
  const order = runScorerOrder(run.scorers);
  if (input.filter === "flaky") {
    const { ids, total } = await flakyResultPage(input);
    const rows = await db.result.findMany({ where: { id: { in: ids } }, include: resultInclude });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return { results: ids.flatMap((id) => (byId.has(id) ? [toResultDto(byId.get(id)!, order)] : [])), total, page: input.page, pageSize: input.pageSize };
  }
  const filters: Prisma.ResultWhereInput[] = [];
  if (input.filter === "errored") filters.push({ error: { not: null } });
  if (input.filter === "succeeded") filters.push({ error: null });
  if (input.filter === "failed") filters.push({ scores: { some: { passed: false } } });
  if (input.scoreBelow) filters.push({ scores: { some: { name: input.scoreBelow.scorer, value: { lt: input.scoreBelow.value } } } });
  if (input.search) {
    const text = input.search.toLowerCase();
    filters.push({ OR: [{ searchText: { contains: text } }, { datasetItem: { searchText: { contains: text } } }] });
  }
  const where: Prisma.ResultWhereInput = { runId: input.runId, AND: filters };
  // Unfiltered, the total is the run's done counter (kept equal to its result
  // rows): no COUNT over 100k rows on every poll of a running run.
  const [total, rows] = await Promise.all([
    filters.length === 0 ? run.doneCount : db.result.count({ where }),
    db.result.findMany({ where, orderBy: RESULT_ORDER[input.sort], skip: (input.page - 1) * input.pageSize, take: input.pageSize, include: resultInclude }),
  ]);
  return { results: rows.map((row) => toResultDto(row, order)), total, page: input.page, pageSize: input.pageSize };
}

export async function getResult(id: string): Promise<ResultDto> {
  const row = await db.result.findUnique({ where: { id }, include: { ...resultInclude, run: { select: { scorers: true } } } });
  if (!row) throw notFound("Result", id);
  return toResultDto(row, runScorerOrder(row.run.scorers));
}

/** Histograms of a run's scores and latency (./distributions.ts); polled by every open run page, so read through the cache like getRun. */
export function runDistributions(runId: string): Promise<Distributions> {
  return readThroughRunCache(runId, "distributions", () => countDistributions(runId));
}
