import { prepareScorers, type PreparedScorer } from "@/features/scorers/server";
import { createTarget } from "@/features/targets/server";
import type { Target } from "@/features/targets";
import { processSingleton } from "@/lib/process-singleton";
import { Semaphore } from "@/lib/semaphore";
import { yieldToEventLoop } from "@/lib/yield";
import { db } from "@/server/db";
import { driverSql, sqlText } from "@/server/driver-sql";
import { env } from "@/server/env";
import { errorMessage, logger } from "@/server/logger";
import { openRunConfig, parseRunConfig, type RunConfig } from "../run-config";
import { executeTask } from "./execute-task";
import { pendingTasks } from "./item-feed";
import { LEASE_OWNER, LeaseLostError, startHeartbeat } from "./lease";
import { ResultWriter } from "./result-writer";
import { isShuttingDown, registerLocalRun } from "./run-controls";
import { claimShard, releaseShard, renewShardLease, shardHasResults, slotConcurrency, type ClaimedShard } from "./shards";

/**
 * Run-level failure found while executing: the target is unreachable when the
 * first UNREACHABLE_PROBE results of a shard (or all of them, for a smaller
 * run) all failed to connect. The shard reports it and its run's coordinator
 * fails the run (run-dataset.ts).
 */
export const UNREACHABLE_PROBE = 10;

/** Read at the start of every shard, on the driver (as the shard's other statements, shards.ts). */
const RUN_STATUS = sqlText(`SELECT "status" FROM "Run" WHERE "id" = ?`);

/** Caps target calls in flight across every run of this process. */
const totalConcurrency = processSingleton("totalConcurrency", () => new Semaphore(env.TRIALRUN_MAX_TOTAL_CONCURRENCY));

/** This process's shard executions, per run, so a coordinator can wait for the ones it started. */
const executions = processSingleton("shardExecutions", () => new Map<string, Set<Promise<void>>>());
/** Called whenever a shard executed here ends, so the run's coordinator looks at once. */
const shardListeners = processSingleton("shardListeners", () => new Set<(runId: string) => void>());

export function onShardEnded(listener: (runId: string) => void): () => void {
  shardListeners.add(listener);
  return () => shardListeners.delete(listener);
}

/** A shard of the run ended here or, as a signal said, in another process. */
export function shardEnded(runId: string): void {
  for (const listener of shardListeners) listener(runId);
}

/** Resolves once every shard execution of the run in this process has returned. */
export async function localShardsSettled(runId: string): Promise<void> {
  while ((executions.get(runId)?.size ?? 0) > 0) await Promise.all([...executions.get(runId)!]);
}

/**
 * Executes a shard of the run that can be claimed in a free slot, then the
 * next ones after it while one can and the execution has lasted less than
 * `chainForMs` (at least one shard is always attempted): the unit of work a
 * dispatch hands to a process. Never rejects; a failure is logged and the
 * shard, given back, is executed by another.
 */
export function executeShards(runId: string, options: { chainForMs: number }): Promise<void> {
  const execution = claimAndExecute(runId, options.chainForMs).catch((error: unknown) => {
    if (!(error instanceof LeaseLostError)) logger.error("shard execution failed", { runId, error: errorMessage(error) });
  });
  const set = executions.get(runId) ?? new Set<Promise<void>>();
  set.add(execution);
  executions.set(runId, set);
  void execution.finally(() => {
    set.delete(execution);
    if (set.size === 0 && executions.get(runId) === set) executions.delete(runId);
  });
  return execution;
}

/** Target calls in flight the run may have, across all its shards. */
export function runConcurrency(config: RunConfig): number {
  return Math.min(config.settings.concurrency, env.TRIALRUN_MAX_RUN_CONCURRENCY);
}

interface ShardRun {
  id: string;
  datasetId: string;
  datasetVersion: number;
  round: number;
  total: number;
  concurrency: number;
  config: RunConfig;
  target: Target;
  scorers: PreparedScorer[];
}

async function claimAndExecute(runId: string, chainForMs: number): Promise<void> {
  const started = performance.now();
  let run: ShardRun | null = null;
  let executed = false;
  try {
    while (!isShuttingDown()) {
      if (!run) {
        const row = await db.run.findUnique({ where: { id: runId } });
        if (!row || row.status !== "running") return;
        const config = openRunConfig(parseRunConfig(row, "execute"));
        run = {
          id: runId,
          datasetId: row.datasetId,
          datasetVersion: row.datasetVersion,
          round: row.round,
          total: row.total,
          concurrency: runConcurrency(config),
          config,
          target: createTarget(config.target),
          scorers: prepareScorers(config.scorers),
        };
      }
      const shard = await claimShard(runId, run.round);
      if (!shard) return;
      logger.debug("shard claimed", { runId, shard: shard.index, slot: shard.slot });
      executed = true;
      const finished = await executeShard(run, shard);
      if (!finished || performance.now() - started >= chainForMs) return;
    }
  } finally {
    // The coordinator looks at once when this execution gives its slot back,
    // not between the shards it chains: it would offer the slot that the
    // chain takes again, and the offer would only find no free slot.
    if (executed) shardEnded(runId);
  }
}

/**
 * Executes one claimed shard: its items without a result, at its slot's share
 * of the run's concurrency, results written under the shard's lease. Returns
 * true when the shard is done; false when it stopped early (a cancel, a
 * shutdown, an unreachable target) and was given back or reported.
 */
async function executeShard(run: ShardRun, shard: ClaimedShard): Promise<boolean> {
  const runId = run.id;
  const local = registerLocalRun(runId);
  const { abort, drain } = local;
  let lostLease = false;
  const stopHeartbeat = startHeartbeat(
    () => renewShardLease(shard.id),
    () => {
      lostLease = true;
      abort.abort(new LeaseLostError(runId));
    },
  );
  let unreachable: string | null = null;
  let exhausted = false;
  const writer = new ResultWriter(runId, {
    intervalMs: env.TRIALRUN_FLUSH_INTERVAL_MS,
    leaseOwner: LEASE_OWNER,
    shardId: shard.id,
    onStatus: (status) => {
      if (status !== "running" && !abort.signal.aborted) abort.abort(new Error(`run is ${status}`));
    },
  });
  try {
    // A cancel aborts the run's local executions (abortLocalRun). One that
    // committed before this one was registered found nothing to abort: reading
    // the status once now, after registering, leaves no gap between the two,
    // so no target call starts after a cancel has answered.
    const [current] = await driverSql().rows<{ status: string }>(RUN_STATUS, [runId]);
    if (current?.status !== "running") abort.abort(new Error(`run is ${current?.status ?? "deleted"}`));

    const tasks = pendingTasks({
      id: runId,
      datasetId: run.datasetId,
      datasetVersion: run.datasetVersion,
      repetitions: run.config.settings.repetitions,
      // One indexed lookup per shard spares one per page when none of its items has a result yet.
      mayHaveResults: await shardHasResults(runId, shard),
      afterOrdinal: shard.afterOrdinal,
      lastOrdinal: shard.lastOrdinal,
    });
    const stopping = () => abort.signal.aborted || drain.signal.aborted;
    let probed = 0;
    let probeFailures = 0;
    const loop = async () => {
      while (!stopping()) {
        await yieldToEventLoop();
        const next = await tasks.next();
        if (next.done) {
          exhausted = true;
          return;
        }
        if (stopping()) return;
        try {
          await totalConcurrency.acquire(abort.signal);
        } catch {
          return;
        }
        let done: Awaited<ReturnType<typeof executeTask>>;
        try {
          done = await executeTask(runId, next.value, run.target, run.scorers, run.config.settings, run.round, abort.signal);
        } finally {
          totalConcurrency.release();
        }
        if (!done) return;
        writer.add(done.record);
        if (probed < UNREACHABLE_PROBE) {
          probed += 1;
          if (done.targetError?.kind === "connection") probeFailures += 1;
          if (probeFailures === Math.min(UNREACHABLE_PROBE, run.total) && !abort.signal.aborted) {
            unreachable = `The target is unreachable: the first ${probeFailures} items all failed to connect (${done.targetError?.message ?? "no detail"}).`;
            abort.abort(new Error("target unreachable"));
          }
        }
        await writer.backpressure();
      }
    };
    try {
      await Promise.all(Array.from({ length: slotConcurrency(run.concurrency, shard.slots, shard.slot) }, loop));
    } finally {
      await tasks.return(undefined);
    }
    await writer.close();
  } finally {
    stopHeartbeat();
    local.done();
  }
  if (lostLease) throw new LeaseLostError(runId);
  // Every loop saw the feed end and nothing stopped them: each task has its result.
  const done = exhausted && !abort.signal.aborted && !drain.signal.aborted;
  await releaseShard(shard.id, unreachable ? { done: true, error: unreachable } : { done });
  return done;
}
