import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { JsonValue } from "@/lib/json";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { computeRunSummary } from "../engine/summary";
import { maskRunConfig, parseRunConfig, parseRunScorers, parseRunSettings, runScorerNames, runScorerOrder, runTargetKind } from "../run-config";
import {
  type Distributions,
  distributionsOutput,
  type ListResultsInput,
  resultPageOutput,
  type ResultDto,
  type RunDto,
  runOutput,
  type RunListSort,
  type RunSummary,
  runSummarySchema,
} from "../schemas";
import { isTerminal, type RunStatus } from "../status";
import { countDistributions } from "./distributions";
import { resultFields } from "./result-pages";
import { readThroughRunCache } from "./run-read-cache";
import { readResultPage, readRunHead, readRunRow, resultInclude, runInclude, type ResultRow, type RunRow } from "./run-rows";

/**
 * The read side of runs: every answer that shows a run or its results is
 * built here from the stored rows (their config through ../run-config.ts).
 * The answers that open run pages poll — `get`, `results` and
 * `distributions` — are read through the one run read cache
 * (./run-read-cache.ts), which only this module uses: a new polled read
 * joins the cache here, and nothing else has to know the cache's keys.
 * The write side (trigger, cancel, retry) is ./run-service.ts.
 */

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
  return readThroughRunCache(id, "get", runOutput, async () => {
    const row = await readRunRow(id);
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

/** One page of a run's results, filtered and sorted in the database; polled, so read through the cache like getRun. */
export function listResults(input: ListResultsInput) {
  const { runId, ...query } = input;
  return readThroughRunCache(runId, `results ${JSON.stringify(query)}`, resultPageOutput, () => loadResults(input));
}

async function loadResults(input: ListResultsInput) {
  const run = await readRunHead(input.runId);
  if (!run) throw notFound("Run", input.runId);
  const order = runScorerOrder(run.scorers);
  const { rows, total } = await readResultPage(input);
  return { results: rows.map((row) => toResultDto(row, order)), total: total ?? run.doneCount, page: input.page, pageSize: input.pageSize };
}

export async function getResult(id: string): Promise<ResultDto> {
  const row = await db.result.findUnique({ where: { id }, include: { ...resultInclude, run: { select: { scorers: true } } } });
  if (!row) throw notFound("Result", id);
  return toResultDto(row, runScorerOrder(row.run.scorers));
}

/**
 * Histograms of a run's scores and latency, as its executor stored them with
 * its summary (refreshed every 2 s while it runs); counted here
 * (./distributions.ts) only for a run whose summary has none yet. Polled by
 * every open run page, so read through the cache like getRun.
 */
const storedDistributionsSchema = z.object({ distributions: distributionsOutput });

export function runDistributions(runId: string): Promise<Distributions> {
  return readThroughRunCache(runId, "distributions", distributionsOutput, async () => {
    const run = await readRunHead(runId);
    if (!run) throw notFound("Run", runId);
    const stored = storedDistributionsSchema.safeParse(run.summary);
    return stored.success ? stored.data.distributions : countDistributions(runId, runScorerNames(run.scorers));
  });
}
