import { newId } from "@/lib/id";
import { type Columns, insertRowsSkippingConflicts } from "@/server/bulk-insert";
import { db } from "@/server/db";
import { driverSql, driverTransaction, sqlText } from "@/server/driver-sql";
import { env } from "@/server/env";
import { AppError, badRequest, conflict, notFound } from "@/server/errors";
import { runChanged } from "@/server/run-changes";
import { scheduleRun, stopRunInEngine } from "../engine/start-run";
import { transitionRun } from "../engine/transitions";
import { refuseMaskedSecrets, storedRunConfig } from "../run-config";
import type { RunSettings } from "../schemas";
import { isCancellable, RETRYABLE_STATUSES, type RunStatus } from "../status";
import type { ScorerConfig } from "@/features/scorers";
import type { TargetConfig } from "@/features/targets";
import { savedTargetConfig } from "@/features/targets/server";

export interface TriggerRunArgs {
  datasetId: string;
  name: string;
  targetId?: string;
  target?: TargetConfig;
  scorers: ScorerConfig[];
  settings: RunSettings;
  idempotencyKey?: string;
}

const RUN_BY_KEY = sqlText(`SELECT "id", "status", "datasetId" FROM "Run" WHERE "idempotencyKey" = ?`);
const DATASET_TO_RUN = sqlText(`SELECT "version", "itemCount", "name" FROM "Dataset" WHERE "id" = ?`);

/** A new run's row; the database's defaults give the rest (pending, counters at 0, round 1). */
const NEW_RUN: Columns = {
  id: "text",
  datasetId: "text",
  datasetVersion: "int",
  name: "text",
  targetId: "text",
  target: "json",
  scorers: "json",
  settings: "json",
  total: "int",
  idempotencyKey: "text",
  createdAt: "timestamp",
  updatedAt: "timestamp",
};

async function findByIdempotencyKey(key: string) {
  const [run] = await driverSql().rows<{ id: string; status: RunStatus; datasetId: string }>(RUN_BY_KEY, [key]);
  return run ?? null;
}

/**
 * The write side of runs: trigger, cancel, retry. What a run or its results
 * look like in an answer is the read model's (./run-read-model.ts).
 */

/**
 * Creates the run `pending` and starts it in the background without waiting.
 * Nothing here is per item: the total comes from the dataset's item count.
 * Its statements run on the database driver (src/server/driver-sql.ts): a
 * trigger's two Prisma statements cost several milliseconds of compiling.
 */
export async function triggerRun(args: TriggerRunArgs): Promise<{ runId: string; status: RunStatus; created: boolean }> {
  if (args.idempotencyKey) {
    const existing = await findByIdempotencyKey(args.idempotencyKey);
    if (existing) {
      if (existing.datasetId !== args.datasetId) {
        throw conflict("This idempotency key was already used for a run on another dataset.", "idempotencyKey");
      }
      return { runId: existing.id, status: existing.status, created: false };
    }
  }
  if (args.settings.concurrency > env.TRIALRUN_MAX_RUN_CONCURRENCY) {
    throw badRequest(`settings.concurrency: must be at most ${env.TRIALRUN_MAX_RUN_CONCURRENCY} on this server`, "settings.concurrency");
  }
  const [dataset] = await driverSql().rows<{ version: number; itemCount: number; name: string }>(DATASET_TO_RUN, [args.datasetId]);
  if (!dataset) throw notFound("Dataset", args.datasetId);
  if (dataset.itemCount === 0) throw badRequest(`Dataset "${dataset.name}" has no items. Add items before running it.`, "datasetId");

  const target = args.targetId ? await savedTargetConfig(args.targetId) : args.target!;
  refuseMaskedSecrets({ target: args.targetId ? null : target, scorers: args.scorers });
  const stored = storedRunConfig({ target, scorers: args.scorers, settings: args.settings });

  const runId = newId();
  const now = new Date();
  const row = [
    runId,
    args.datasetId,
    dataset.version,
    args.name,
    args.targetId ?? null,
    stored.target,
    stored.scorers,
    stored.settings,
    dataset.itemCount * args.settings.repetitions,
    args.idempotencyKey ?? null,
    now,
    now,
  ];
  const inserted = await driverTransaction((sql) => insertRowsSkippingConflicts(sql, "Run", NEW_RUN, [row]));
  if (inserted.length === 0) {
    // Two requests with the same key raced: the loser returns the winner's run.
    const existing = args.idempotencyKey ? await findByIdempotencyKey(args.idempotencyKey) : null;
    if (!existing) throw new Error("The run was not created, and no run holds its idempotency key.");
    return { runId: existing.id, status: existing.status, created: false };
  }

  scheduleRun(runId);
  return { runId, status: "pending", created: true };
}

/** Cancels a pending or running run: no new item starts, in-flight calls are aborted, finished results are kept. */
export async function cancelRun(id: string): Promise<{ runId: string; status: RunStatus }> {
  const run = await db.run.findUnique({ where: { id }, select: { status: true } });
  if (!run) throw notFound("Run", id);
  if (!isCancellable(run.status)) {
    throw new AppError("CONFLICT", `The run is already ${run.status}; only pending or running runs can be cancelled.`);
  }
  const moved = await transitionRun(id, "cancelled", { data: { error: null } });
  if (moved) await stopRunInEngine(id);
  const after = await db.run.findUniqueOrThrow({ where: { id }, select: { status: true } });
  if (!moved && after.status !== "cancelled") {
    throw new AppError("CONFLICT", `The run ended as ${after.status} before it could be cancelled.`);
  }
  return { runId: id, status: after.status };
}

/**
 * Re-runs the items of a finished run that have no good result — the ones
 * that errored, and any a cancel or failure left unexecuted — into the same
 * run. The errored results are replaced by new ones carrying the next `round`.
 */
export async function retryFailedItems(id: string): Promise<{ runId: string; status: RunStatus; retrying: number }> {
  const retrying = await db.$transaction(async (tx) => {
    const run = await tx.run.findUnique({
      where: { id },
      select: { status: true, total: true, doneCount: true, failedCount: true, startedAt: true, completedAt: true },
    });
    if (!run) throw notFound("Run", id);
    if (!RETRYABLE_STATUSES.includes(run.status)) {
      throw new AppError("CONFLICT", `The run is ${run.status}; wait for it to end before retrying its failed items.`);
    }
    const missing = run.total - run.doneCount;
    if (run.failedCount === 0 && missing === 0) {
      throw new AppError("CONFLICT", "The run has no failed items to retry.");
    }
    const deleted = await tx.result.deleteMany({ where: { runId: id, error: { not: null } } });
    const moved = await transitionRun(id, "pending", {
      client: tx,
      from: RETRYABLE_STATUSES,
      data: {
        doneCount: { decrement: deleted.count },
        failedCount: { decrement: deleted.count },
        // The summary stays until the retry's live refresh replaces it.
        error: null,
        round: { increment: 1 },
        // The finished round's time; the next round starts its own clock.
        executedMs: { increment: run.startedAt && run.completedAt ? Math.max(0, run.completedAt.getTime() - run.startedAt.getTime()) : 0 },
      },
    });
    if (!moved) throw new AppError("CONFLICT", "The run changed while retrying; reload and try again.");
    return deleted.count + missing;
  });
  runChanged(id);
  scheduleRun(id);
  return { runId: id, status: "pending", retrying };
}
