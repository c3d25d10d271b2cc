import { processSingleton } from "@/lib/process-singleton";
import { env } from "@/server/env";
import { errorMessage, logger } from "@/server/logger";
import { LEASE_OWNER, LeaseLostError } from "./lease";
import { abortLocalRun } from "./run-controls";
import { runDataset } from "./run-dataset";
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
 * process the abort is immediate; an engine worker is told over its channel
 * and answers once the run is aborted, so that when the cancel answers no new
 * target call can start. If the worker does not answer in time, its status
 * poll (supervisor.ts) still stops the run within a second.
 */
export async function stopRunInEngine(runId: string): Promise<void> {
  abortLocalRun(runId, "cancelled");
  if (env.TRIALRUN_RUNS_EXECUTE_IN !== "worker") return;
  const stop = engineWorker()?.stop;
  if (!stop) return;
  const confirmed = await stop(runId, WORKER_STOP_TIMEOUT_MS);
  if (!confirmed) logger.warn("the engine worker did not confirm a cancel in time; its status poll stops the run", { runId });
}

/**
 * After a run is created or re-queued: start it in this process, or — when an
 * engine worker executes runs — leave it `pending` for the worker to pick up.
 */
export function scheduleRun(runId: string): void {
  if (env.TRIALRUN_RUNS_EXECUTE_IN === "worker") {
    // src/bin/start.mjs passes it to its engine worker at once; without it, the worker's poll finds the run.
    engineWorker()?.notify?.(runId);
    return;
  }
  // The one deliberate floating promise: the run executes in the background.
  // startRun never rejects; it records any failure on the run itself. It
  // starts on the next turn of the event loop, so the caller's response goes out first.
  setImmediate(() => void startRun(runId));
}
