import { processSingleton } from "@/lib/process-singleton";
import { postgresSignalsStarted, publish } from "./postgres-signals";

/**
 * Which runs changed, as far as this process knows, for the read cache of
 * polled run pages (src/features/runs/server/run-read-cache.ts). Every write
 * to a run's row or its results calls `runChanged` once the write is
 * committed; datasets and targets call `allRunsChanged`, so it lives here
 * rather than in any one feature. In the engine worker a forwarder passes the
 * news to the web server over the worker's IPC channel (src/worker/main.ts,
 * src/bin/start.mjs); on PostgreSQL every process also tells all the others
 * (./postgres-signals.ts).
 *
 * A change is of the run's state (status, config, name, the final summary) or
 * only of its progress (more results, a live summary refresh): the read cache
 * answers the first fresh at once, and the second fresh within one refresh
 * (run-read-cache.ts), so pollers of a busy run do not each wait on a read.
 */
export type RunChange = "state" | "progress";

const state = processSingleton("runChanges", () => ({
  /** runId -> the value of `clock` when the run's state last changed. */
  versions: new Map<string, number>(),
  /** runId -> the value of `clock` when the run's progress last changed. */
  progress: new Map<string, number>(),
  clock: 0,
  /** Bumped when a change reaches runs without naming them (a target or dataset renamed or deleted). */
  epoch: 0,
  forward: null as ((runId: string, change: RunChange) => void) | null,
}));

const MAX_TRACKED_RUNS = 10_000;

export function runChanged(runId: string, change: RunChange = "state"): void {
  runChangedElsewhere(runId, change);
  state.forward?.(runId, change);
  if (postgresSignalsStarted()) publish({ kind: "changed", runId, ...(change === "progress" ? { progress: true } : {}) });
}

/** A change made by another process (its signal arrived): noted here, not passed on. */
export function runChangedElsewhere(runId: string, change: RunChange = "state"): void {
  state.clock += 1;
  const stamps = change === "state" ? state.versions : state.progress;
  stamps.delete(runId);
  stamps.set(runId, state.clock);
  // Oldest first: a run dropped here reads as "changed", never as unchanged.
  if (stamps.size > MAX_TRACKED_RUNS) stamps.delete(stamps.keys().next().value!);
}

/**
 * Runs show their dataset's and saved target's names, and lose the target's id
 * when it is deleted: such changes reach every run that refers to it, so they
 * count as a change to all runs.
 */
export function allRunsChanged(): void {
  state.epoch += 1;
}

/** The run's state stamp: equal stamps mean no known change of its state in between. */
export function runVersion(runId: string): string {
  return `${state.epoch}.${state.versions.get(runId) ?? -1}`;
}

/** The run's progress stamp: equal stamps mean no known new results in between. */
export function runProgress(runId: string): number {
  return state.progress.get(runId) ?? -1;
}

/** In the engine worker: also tell the web server. */
export function forwardRunChanges(forward: (runId: string, change: RunChange) => void): void {
  state.forward = forward;
}

// src/bin/start.mjs (plain JavaScript, outside the bundles) reports the worker's changes through this hook.
(globalThis as Record<symbol, unknown>)[Symbol.for("trialrun.runChanged")] ??= (runId: string, change?: RunChange) =>
  runChangedElsewhere(runId, change === "progress" ? "progress" : "state");
