import { processSingleton } from "@/lib/process-singleton";
import { env } from "@/server/env";
import { errorMessage, logger } from "@/server/logger";
import { LEASE_OWNER, LeaseLostError } from "./lease";
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
 * After a run is created or re-queued: start it in this process, or — when an
 * engine worker executes runs — leave it `pending` for the worker to pick up.
 */
export function scheduleRun(runId: string): void {
  if (env.TRIALRUN_RUNS_EXECUTE_IN === "worker") {
    // src/bin/start.mjs passes it to its engine worker at once; without it, the worker's poll finds the run.
    const engineWorker = (globalThis as Record<symbol, { notify?: (runId: string) => void } | undefined>)[Symbol.for("trialrun.engineWorker")];
    engineWorker?.notify?.(runId);
    return;
  }
  // The one deliberate floating promise: the run executes in the background.
  // startRun never rejects; it records any failure on the run itself. It
  // starts on the next turn of the event loop, so the caller's response goes out first.
  setImmediate(() => void startRun(runId));
}
