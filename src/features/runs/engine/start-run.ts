import { newId } from "@/lib/id";
import { processSingleton } from "@/lib/process-singleton";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { errorMessage, logger } from "@/server/logger";
import { postgresSignalsStarted, publish, startPostgresSignals } from "@/server/postgres-signals";
import { runChangedElsewhere } from "@/server/run-changes";
import { LEASE_OWNER, LeaseLostError } from "./lease";
import { abortLocalRun, isRunLocal } from "./run-controls";
import { runDataset } from "./run-dataset";
import { startShardWorkers, wakeShardWorkers } from "./dispatch/pg-boss";
import { shardEnded } from "./shard-executor";
import { shardExecutors } from "./shards";
import { transitionRun } from "./transitions";

/**
 * Starts a run in the background and returns at once. Whatever goes wrong in
 * there ends as the run marked `failed` with a readable error, never as a run
 * stuck in pending/running or an unhandled rejection. Resolves when the run
 * has ended (tests await it; the trigger does not).
 */
export function startRun(runId: string): Promise<void> {
  // One execution per run in this process (other processes are kept out by the lease).
  const running = executions.get(runId);
  if (running) return running;
  const execution = execute(runId).finally(() => executions.delete(runId));
  executions.set(runId, execution);
  return execution;
}

const executions = processSingleton("runExecutions", () => new Map<string, Promise<void>>());

function execute(runId: string): Promise<void> {
  return runDataset(runId).catch(async (error: unknown) => {
    if (error instanceof LeaseLostError) {
      // Another process owns the run now; it is not ours to fail.
      logger.warn("run lease lost", { runId });
      return;
    }
    const message = errorMessage(error) || "The run failed with an unknown error.";
    logger.error("run failed", { runId, error: error instanceof Error ? (error.stack ?? message) : message });
    try {
      await transitionRun(runId, "failed", { leaseOwner: LEASE_OWNER, data: { error: message } });
    } catch (markError) {
      logger.error("could not mark run as failed", { runId, error: errorMessage(markError) });
    }
  });
}

/**
 * The engine worker's channel, set by src/bin/start.mjs in the web server's
 * process when runs execute in a worker (absent in tests and the worker itself).
 */
interface EngineWorkerChannel {
  notify?: (runId: string) => void;
  /** Resolves true once the worker has aborted the run, false when it cannot be told (not running, no answer in time). */
  stop?: (runId: string, timeoutMs: number) => Promise<boolean>;
}

function engineWorker(): EngineWorkerChannel | undefined {
  return (globalThis as Record<symbol, EngineWorkerChannel | undefined>)[Symbol.for("trialrun.engineWorker")];
}

/** How long a cancel waits for the engine worker to confirm that the run's calls stopped. */
export const WORKER_STOP_TIMEOUT_MS = 2_000;

/**
 * After a cancel has committed: stops the run where it executes. In this
 * process the abort is immediate; an engine worker is told — over its IPC
 * channel, and on PostgreSQL over a signal that reaches workers on every host —
 * and answers once the run is aborted, so that when the cancel answers no new
 * target call can start. If no answer comes in time, the workers' status
 * poll (supervisor.ts) still stops the run within a second.
 */
export async function stopRunInEngine(runId: string): Promise<void> {
  abortLocalRun(runId, "cancelled");
  let confirmed: boolean;
  if (postgresSignalsStarted()) {
    // Every worker hears it, this host's own included; the one executing the run answers.
    confirmed = await stopBySignal(runId);
  } else {
    const stop = env.TRIALRUN_RUNS_EXECUTE_IN === "worker" ? engineWorker()?.stop : undefined;
    if (!stop) return;
    confirmed = await stop(runId, WORKER_STOP_TIMEOUT_MS);
  }
  if (!confirmed) logger.warn("no engine worker confirmed a cancel in time; their status poll stops the run", { runId });
}

const stopAnswers = processSingleton("stopAnswers", () => new Map<string, (owner: string) => void>());

/**
 * Signals a stop to every worker; true once each process that executes the
 * run (its coordinator and its shards' executors, on any host) has aborted
 * its calls — at once when none does (the run was pending).
 */
async function stopBySignal(runId: string): Promise<boolean> {
  // The cancel keeps the leases with their holders: they are the processes that execute the run.
  const run = await db.run.findUnique({ where: { id: runId }, select: { leaseOwner: true } });
  const owners = new Set([...(run?.leaseOwner ? [run.leaseOwner] : []), ...(await shardExecutors(runId))]);
  owners.delete(LEASE_OWNER);
  if (owners.size === 0) return true;
  const seq = newId();
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      stopAnswers.delete(seq);
      resolve(false);
    }, WORKER_STOP_TIMEOUT_MS);
    stopAnswers.set(seq, (owner) => {
      owners.delete(owner);
      if (owners.size > 0) return;
      clearTimeout(timer);
      stopAnswers.delete(seq);
      resolve(true);
    });
    publish({ kind: "stop", runId, seq });
  });
}

/**
 * On PostgreSQL: listens for the other processes' signals
 * (src/server/postgres-signals.ts). A process that executes runs starts a
 * run it hears of and stops one cancelled elsewhere; every process keeps its
 * read cache in step with changes made elsewhere.
 */
export function startEngineSignals(options: { executesRuns: boolean }): void {
  startPostgresSignals({
    changed: ({ runId, progress }) => runChangedElsewhere(runId, progress ? "progress" : "state"),
    stopped: ({ seq, owner }) => stopAnswers.get(seq)?.(owner),
    ...(options.executesRuns
      ? {
          run: ({ runId }) => void startRun(runId),
          offer: ({ count }) => wakeShardWorkers(count),
          ended: ({ runId }) => shardEnded(runId),
          stop: ({ runId, seq }) => {
            if (!isRunLocal(runId)) return;
            abortLocalRun(runId, "cancelled");
            publish({ kind: "stopped", seq, owner: LEASE_OWNER });
          },
        }
      : {}),
  });
  // A worker takes offered shards of any run, whoever coordinates it.
  if (options.executesRuns) {
    startShardWorkers().catch((error: unknown) => logger.error("could not start the job queue workers", { error: errorMessage(error) }));
  }
}

/**
 * After a run is created or re-queued: start it in this process, or — when an
 * engine worker executes runs — leave it `pending` for the worker to pick up.
 */
export function scheduleRun(runId: string): void {
  if (env.TRIALRUN_RUNS_EXECUTE_IN === "worker") {
    // src/bin/start.mjs passes it to its engine worker at once, a signal to the
    // workers of every host on PostgreSQL; without either, the workers' poll finds the run.
    engineWorker()?.notify?.(runId);
    if (postgresSignalsStarted()) publish({ kind: "run", runId });
    return;
  }
  // The one deliberate floating promise: the run executes in the background.
  // startRun never rejects; it records any failure on the run itself. It
  // starts on the next turn of the event loop, so the caller's response goes out first.
  setImmediate(() => void startRun(runId));
}
