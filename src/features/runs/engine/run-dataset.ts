import { newId } from "@/lib/id";
import { jsonValueProblem } from "@/lib/json";
import { prepareScorers, runScorers, type PreparedScorer } from "@/features/scorers/run-scorers";
import { createTarget } from "@/features/targets/registry";
import { TargetError, type Target } from "@/features/targets/types";
import { processSingleton } from "@/lib/process-singleton";
import { Semaphore } from "@/lib/semaphore";
import { yieldToEventLoop } from "@/lib/yield";
import { logger } from "@/server/logger";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { runChanged } from "@/server/run-changes";
import { openRunConfig, parseRunConfig, type RunConfig } from "../run-config";
import type { RunSettings } from "../schemas";
import { isTerminal } from "../status";
import { callWithRetries } from "@/features/targets/call-with-retries";
import { pendingTasks, type RunTask } from "./item-feed";
import { ResultWriter, type ResultRecord } from "./result-writer";
import { acquireLease, LEASE_OWNER, LeaseLostError, releaseLease, startHeartbeat } from "./lease";
import { registerLocalRun } from "./run-controls";
import { computeRunSummary } from "./summary";
import { transitionRun } from "./transitions";

/**
 * Run-level failure rule. Item errors are recorded on the item and the run
 * goes on; the run itself ends `failed` only when
 *  1. it cannot start: the dataset, target or scorer configuration is invalid;
 *  2. the target is unreachable: the first UNREACHABLE_PROBE results (or all of
 *     them, for a smaller run) all failed to connect — the run stops early;
 *  3. every result errored;
 *  4. results cannot be saved, or anything else unexpected throws.
 * Otherwise it ends `completed`, with its errored items counted.
 */
export const UNREACHABLE_PROBE = 10;

class RunFailure extends Error {}

/** Executes one (item, repetition): the target call with retries, then every scorer. */
async function executeTask(
  runId: string,
  task: RunTask,
  target: Target,
  scorers: PreparedScorer[],
  settings: RunSettings,
  round: number,
  signal: AbortSignal,
): Promise<{ record: ResultRecord; targetError: TargetError | null } | null> {
  const outcome = await callWithRetries(
    (attemptSignal) =>
      target.call(
        { input: task.input, expectedOutput: task.expectedOutput, metadata: task.metadata, runId, itemId: task.itemId, repetition: task.repetition },
        attemptSignal,
      ),
    { retries: settings.retries, timeoutMs: target.timeoutMs ?? settings.timeoutMs },
    signal,
  );
  if ("aborted" in outcome) return null;
  const base = { id: newId(), datasetItemId: task.datasetItemId, itemId: task.itemId, ordinal: task.ordinal, repetition: task.repetition, attempts: outcome.attempts, round };
  const noUsage = { promptTokens: null, completionTokens: null, costUsd: null };
  if (!outcome.ok) {
    return {
      record: { ...base, ...noUsage, output: null, error: outcome.error.message, latencyMs: outcome.latencyMs, scores: [] },
      targetError: outcome.error,
    };
  }
  const output = outcome.value.output;
  // An output we cannot store or show (nested deeper than the limit, NaN from
  // a custom target) fails this item with the reason; the rest of the run and
  // its batch are unaffected. Any JSON value within the limit is stored as is.
  const problem = jsonValueProblem(output);
  if (problem) {
    const error = new TargetError("bad-response", `The target's output cannot be stored: it ${problem}.`);
    return { record: { ...base, ...noUsage, output: null, error: error.message, latencyMs: outcome.latencyMs, scores: [] }, targetError: error };
  }
  const outcomes = await runScorers(scorers, {
    input: task.input,
    output,
    expectedOutput: task.expectedOutput,
    metadata: task.metadata,
    latencyMs: outcome.latencyMs,
    signal,
  });
  const scores = outcomes.map((o) => ({ id: newId(), ...o }));
  const usage = outcome.value.usage;
  return {
    record: {
      ...base,
      output,
      error: null,
      latencyMs: outcome.latencyMs,
      promptTokens: usage?.promptTokens ?? null,
      completionTokens: usage?.completionTokens ?? null,
      costUsd: outcome.value.costUsd ?? null,
      scores,
    },
    targetError: null,
  };
}

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
    runChanged(runId);
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

/** Caps target calls in flight across every run of this process. */
const totalConcurrency = processSingleton("totalConcurrency", () => new Semaphore(env.TRIALRUN_MAX_TOTAL_CONCURRENCY));

/**
 * Executes a run to its end: a pending run from its start, a running run
 * whose process died (lease free) from where it stopped — items that have a
 * result are skipped. Moves the run pending -> running -> completed | failed;
 * a cancel (from any process) stops it early. Throws on a run-level failure;
 * `startRun` turns that into the `failed` status.
 */
export async function runDataset(runId: string): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) throw new RunFailure(`Run "${runId}" does not exist.`);
  if (isTerminal(run.status)) return;

  // An invalid config fails the run with RunConfigError's message. Secrets are opened only here, right before use.
  const config = openRunConfig(parseRunConfig(run, "execute"));
  const target = createTarget(config.target);
  const scorers = prepareScorers(config.scorers);

  if (!(await acquireLease(runId))) return; // another process executes it
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
  const { abort, drain } = local;
  let lostLease = false;
  const stopHeartbeat = startHeartbeat(runId, () => {
    lostLease = true;
    abort.abort(new LeaseLostError(runId));
  });
  try {
    // A cancel aborts the run through its registration (abortLocalRun). One
    // that committed before this run was registered found nothing to abort:
    // reading the status once now, after registering, leaves no gap between
    // the two, so no target call starts after a cancel has answered.
    const current = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
    if (current?.status !== "running") abort.abort(new Error(`run is ${current?.status ?? "deleted"}`));
    await executeTasks(run, config, target, scorers, abort, drain, () => lostLease);
  } finally {
    stopHeartbeat();
    local.done();
  }
}

type RunRow = NonNullable<Awaited<ReturnType<typeof db.run.findUnique>>>;

async function executeTasks(
  run: RunRow,
  config: RunConfig,
  target: Target,
  scorers: PreparedScorer[],
  abort: AbortController,
  drain: AbortController,
  lostLease: () => boolean,
): Promise<void> {
  const runId = run.id;
  let stoppedByDb = false;
  let unreachable: string | null = null;
  let probed = 0;
  let probeFailures = 0;

  const writer = new ResultWriter(runId, {
    intervalMs: env.TRIALRUN_FLUSH_INTERVAL_MS,
    leaseOwner: LEASE_OWNER,
    onStatus: (status) => {
      if (status !== "running" && !abort.signal.aborted) {
        stoppedByDb = true;
        abort.abort(new Error(`run is ${status}`));
      }
    },
  });

  // Read under the lease: no other process adds results now, so a run with none needs no lookups to skip them.
  const { doneCount, startedAt, executedMs } = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { doneCount: true, startedAt: true, executedMs: true } });
  const stopLiveSummary = startLiveSummary(runId, { startedAt: startedAt ?? new Date(), executedMs }, config);
  const tasks = pendingTasks({
    id: runId,
    datasetId: run.datasetId,
    datasetVersion: run.datasetVersion,
    repetitions: config.settings.repetitions,
    mayHaveResults: doneCount > 0,
  });
  const stopping = () => abort.signal.aborted || drain.signal.aborted;

  const worker = async () => {
    while (!stopping()) {
      await yieldToEventLoop();
      const next = await tasks.next();
      if (next.done || stopping()) return;
      try {
        await totalConcurrency.acquire(abort.signal);
      } catch {
        return;
      }
      let done: Awaited<ReturnType<typeof executeTask>>;
      try {
        done = await executeTask(runId, next.value, target, scorers, config.settings, run.round, abort.signal);
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
    const concurrency = Math.min(config.settings.concurrency, env.TRIALRUN_MAX_RUN_CONCURRENCY);
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await tasks.return(undefined);
  }
  try {
    await writer.close();
  } finally {
    await stopLiveSummary();
  }
  if (lostLease()) throw new LeaseLostError(runId);

  const counters = await db.run.findUniqueOrThrow({
    where: { id: runId },
    select: { status: true, doneCount: true, failedCount: true, total: true, startedAt: true, executedMs: true },
  });
  if (drain.signal.aborted && !unreachable && !stoppedByDb && counters.status === "running") {
    // Shutting down: the run stays `running`; the next process resumes it at once.
    await releaseLease(runId);
    logger.info("run paused for shutdown", { runId });
    return;
  }
  const summary = await computeRunSummary({ id: runId, startedAt: counters.startedAt, executedMs: counters.executedMs, repetitions: config.settings.repetitions }, config.scorers);

  if (counters.status !== "running" || (stoppedByDb && !unreachable)) {
    // Cancelled (or otherwise ended) elsewhere. The lease is still ours (a
    // cancel leaves it to the executor), so every answered result is stored by
    // now; the summary of what finished is written, then the lease released.
    // Not over a newer status: a retry may already have re-queued the run.
    await db.run.updateMany({ where: { id: runId, status: counters.status, leaseOwner: LEASE_OWNER }, data: { summary } });
    await releaseLease(runId);
    runChanged(runId);
    logger.info("run stopped", { runId, status: counters.status, done: counters.doneCount });
    return;
  }
  const end = (to: "completed" | "failed", error?: string) =>
    transitionRun(runId, to, { from: ["running"], leaseOwner: LEASE_OWNER, data: { summary, ...(error ? { error } : {}) } });

  if (unreachable) {
    await end("failed", unreachable);
    return;
  }
  if (counters.doneCount < counters.total) {
    throw new RunFailure(`The run ended with ${counters.doneCount} of ${counters.total} results; the rest were not executed.`);
  }
  if (counters.total > 0 && counters.failedCount === counters.total) {
    const first = await db.result.findFirst({ where: { runId, error: { not: null } }, select: { error: true } });
    await end("failed", `All ${counters.total} results failed. First error: ${first?.error ?? "unknown"}`);
    return;
  }
  await end("completed");
  logger.info("run completed", { runId, done: counters.doneCount, failed: counters.failedCount });
}
