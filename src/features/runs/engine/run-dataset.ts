import { prepareScorers } from "@/features/scorers/server";
import { createTarget } from "@/features/targets/server";
import { Pause, sleep } from "@/lib/sleep";
import { logger } from "@/server/logger";
import { db } from "@/server/db";
import { runChanged } from "@/server/run-changes";
import { openRunConfig, parseRunConfig, type RunConfig } from "../run-config";
import { isTerminal } from "../status";
import { dispatch } from "./dispatch";
import { acquireLease, LEASE_OWNER, LEASE_TTL_MS, LeaseLostError, releaseLease, renewLease, startHeartbeat } from "./lease";
import { abortLocalRun, registerLocalRun } from "./run-controls";
import { localShardsSettled, onShardEnded, runConcurrency } from "./shard-executor";
import { planShards, shardExecutors, shardProgress } from "./shards";
import { computeRunSummary } from "./summary";
import { transitionRun } from "./transitions";

/**
 * Run-level failure rule. Item errors are recorded on the item and the run
 * goes on; the run itself ends `failed` only when
 *  1. it cannot start: the dataset, target or scorer configuration is invalid;
 *  2. the target is unreachable: the first UNREACHABLE_PROBE results of a
 *     shard (or all of them, for a smaller run) all failed to connect — the
 *     run stops early (shard-executor.ts);
 *  3. every result errored;
 *  4. results cannot be saved, or anything else unexpected throws.
 * Otherwise it ends `completed`, with its errored items counted.
 */
export { UNREACHABLE_PROBE } from "./shard-executor";

class RunFailure extends Error {}

/** How often a running run's summary (means, pass rates, latency) is refreshed for the dashboard. */
export const LIVE_SUMMARY_INTERVAL_MS = 2_000;

/**
 * Recomputes the summary of a running run every LIVE_SUMMARY_INTERVAL_MS, so
 * summary cards move while it runs. One writer (the lease holder) does it, not
 * every poller.
 */
function startLiveSummary(runId: string, clock: { startedAt: Date; executedMs: number }, config: RunConfig): () => Promise<void> {
  let busy: Promise<void> | null = null;
  // Cost-aware: on a big run a refresh takes longer, so it runs less often
  // (at least 10× its own duration apart), keeping the engine's share of time.
  let nextAllowedAt = 0;
  const refresh = async () => {
    const started = performance.now();
    const summary = await computeRunSummary({ id: runId, ...clock, repetitions: config.settings.repetitions }, config.scorers);
    await db.run.updateMany({ where: { id: runId, status: "running", leaseOwner: LEASE_OWNER }, data: { summary } });
    runChanged(runId, "progress");
    nextAllowedAt = performance.now() + 10 * (performance.now() - started);
  };
  const timer = setInterval(() => {
    if (busy || performance.now() < nextAllowedAt) return;
    // A failed refresh only delays the cards; the final summary is written at the end.
    busy = refresh()
      .catch(() => {})
      .finally(() => {
        busy = null;
      });
  }, LIVE_SUMMARY_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await busy;
  };
}

/** How often a coordinator looks at its run's shards (at once when a shard of this process ends). */
const COORDINATOR_TICK_MS = 250;
/** A slot still free this long after an offer is offered again (the offer was lost, or its worker died). */
const REOFFER_MS = 2_000;
/** How long a stopped run waits for its shards' executors to store what they finished. */
const SETTLE_MS = 10_000;

/**
 * Coordinates a run to its end: a pending run from its start, a running run
 * whose coordinator died (lease free) from where it stopped. Under the run's
 * lease it moves the run pending -> running -> completed | failed, splits the
 * round into shards (shards.ts) and offers them to the workers (dispatch/),
 * re-offers a dead worker's shard, refreshes the summary, and ends the run
 * once every shard is done. Items that have a result are skipped. A cancel
 * (from any process) stops it early. Throws on a run-level failure;
 * `startRun` turns that into the `failed` status.
 */
export async function runDataset(runId: string): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) throw new RunFailure(`Run "${runId}" does not exist.`);
  if (isTerminal(run.status)) return;

  // An invalid config fails the run with RunConfigError's message, before any work is offered.
  const config = openRunConfig(parseRunConfig(run, "execute"));
  createTarget(config.target);
  prepareScorers(config.scorers);

  if (!(await acquireLease(runId))) return; // another process coordinates it
  if (run.status === "pending") {
    // Each round starts its own clock; earlier rounds' time is in executedMs (set by the retry).
    if (!(await transitionRun(runId, "running", { from: ["pending"], leaseOwner: LEASE_OWNER }))) {
      await releaseLease(runId);
      return;
    }
    logger.info("run started", { runId, total: run.total, concurrency: config.settings.concurrency });
  } else {
    logger.info("run resumed", { runId, done: run.doneCount, total: run.total });
  }

  const local = registerLocalRun(runId);
  let lostLease = false;
  const stopHeartbeat = startHeartbeat(
    () => renewLease(runId),
    () => {
      lostLease = true;
      local.abort.abort(new LeaseLostError(runId));
    },
  );
  try {
    // A cancel that committed before this registration found nothing to abort here.
    const current = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
    if (current?.status !== "running") local.abort.abort(new Error(`run is ${current?.status ?? "deleted"}`));
    await coordinate(run, config, local, () => lostLease);
  } finally {
    stopHeartbeat();
    local.done();
  }
}

type RunRow = NonNullable<Awaited<ReturnType<typeof db.run.findUnique>>>;

async function coordinate(run: RunRow, config: RunConfig, local: { abort: AbortController; drain: AbortController }, lostLease: () => boolean): Promise<void> {
  const runId = run.id;
  const { abort, drain } = local;
  const { round, startedAt, executedMs } = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { round: true, startedAt: true, executedMs: true } });
  const repetitions = config.settings.repetitions;
  await planShards({
    id: runId,
    round,
    datasetId: run.datasetId,
    datasetVersion: run.datasetVersion,
    repetitions,
    concurrency: runConcurrency(config),
    maxSlots: dispatch.maxSlots,
  });
  const stopLiveSummary = startLiveSummary(runId, { startedAt: startedAt ?? new Date(), executedMs }, config);

  let unreachable: string | null = null;
  const tick = new Pause();
  const stopListening = onShardEnded((id) => {
    if (id === runId) tick.wake();
  });
  const stopped = () => abort.signal.aborted || drain.signal.aborted;
  // Offers not yet seen claimed. A claim shows as one more shard live or
  // done; offers unclaimed after REOFFER_MS count as lost and are made again.
  let outstanding = 0;
  let lastOffer = Number.NEGATIVE_INFINITY;
  let lastTaken = 0;
  try {
    while (!stopped()) {
      const progress = await shardProgress(runId, round);
      if (progress.error) {
        unreachable = progress.error;
        break;
      }
      if (progress.done === progress.total) break;
      const taken = progress.live + progress.done;
      outstanding = Math.max(0, outstanding - Math.max(0, taken - lastTaken));
      lastTaken = taken;
      if (performance.now() - lastOffer >= REOFFER_MS) outstanding = 0;
      const wanted = Math.min(progress.slots - progress.live, progress.total - progress.done - progress.live) - outstanding;
      if (wanted > 0) {
        lastOffer = performance.now();
        outstanding += wanted;
        await dispatch.offer(runId, wanted);
        logger.debug("shards offered", { runId, count: wanted });
      }
      await tick.pause(COORDINATOR_TICK_MS, [abort.signal, drain.signal]);
    }
  } finally {
    stopListening();
    await stopLiveSummary();
  }
  if (lostLease()) {
    await localShardsSettled(runId);
    throw new LeaseLostError(runId);
  }

  const status = (await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status;
  if (drain.signal.aborted && !unreachable && status === "running") {
    // Shutting down: the run stays `running`; this process's shards drain
    // (run-controls.ts), and the next coordinator resumes the run at once.
    await localShardsSettled(runId);
    await releaseLease(runId);
    logger.info("run paused for shutdown", { runId });
    return;
  }
  if (unreachable && status === "running") {
    // Failed first, so every worker stops its calls; the lease stays with
    // this coordinator until the summary of what finished is written.
    await transitionRun(runId, "failed", {
      from: ["running"],
      leaseOwner: LEASE_OWNER,
      data: { error: unreachable, leaseOwner: LEASE_OWNER, leaseExpiresAt: new Date(Date.now() + LEASE_TTL_MS) },
    });
  }
  const summaryOf = async (completedAt?: Date) => {
    const counters = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { startedAt: true, executedMs: true } });
    return computeRunSummary({ id: runId, ...counters, completedAt, repetitions }, config.scorers);
  };
  if (unreachable || status !== "running") {
    // Cancelled, failed or otherwise ended: every executor stores the results
    // its target already answered (a cancel leaves leases to their holders),
    // then the summary of what finished is written and the lease released.
    // Not over a newer status: a retry may already have re-queued the run.
    abortLocalRun(runId, `run is ${unreachable ? "failed" : status}`);
    await settleShards(runId);
    const final = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, doneCount: true, completedAt: true } });
    await db.run.updateMany({
      where: { id: runId, status: final.status, leaseOwner: LEASE_OWNER },
      data: { summary: await summaryOf(final.completedAt ?? undefined) },
    });
    await releaseLease(runId);
    runChanged(runId);
    logger.info("run stopped", { runId, status: final.status, done: final.doneCount });
    return;
  }

  // Every shard is done.
  await localShardsSettled(runId);
  const counters = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { doneCount: true, failedCount: true, total: true } });
  if (counters.doneCount < counters.total) {
    throw new RunFailure(`The run ended with ${counters.doneCount} of ${counters.total} results; the rest were not executed.`);
  }
  // The summary's duration ends where the run does: the same instant as its completedAt.
  const completedAt = new Date();
  const summary = await summaryOf(completedAt);
  const end = (to: "completed" | "failed", error?: string) =>
    transitionRun(runId, to, { from: ["running"], leaseOwner: LEASE_OWNER, data: { summary, completedAt, ...(error ? { error } : {}) } });
  if (counters.total > 0 && counters.failedCount === counters.total) {
    const first = await db.result.findFirst({ where: { runId, error: { not: null } }, select: { error: true } });
    await end("failed", `All ${counters.total} results failed. First error: ${first?.error ?? "unknown"}`);
    return;
  }
  await end("completed");
  logger.info("run completed", { runId, done: counters.doneCount, failed: counters.failedCount });
}

/** Waits until no process executes a shard of the run (at most SETTLE_MS: a dead one's lease outlives it). */
async function settleShards(runId: string): Promise<void> {
  await localShardsSettled(runId);
  const deadline = performance.now() + SETTLE_MS;
  while (performance.now() < deadline && (await shardExecutors(runId)).length > 0) await sleep(50);
}
