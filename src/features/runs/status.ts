/**
 * The run lifecycle, as data. Every status change goes through
 * `transitionRun` (engine/transitions.ts), which enforces RUN_TRANSITIONS
 * with a compare-and-set update. Safe to import from the browser.
 */
export const RUN_STATUSES = ["pending", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  pending: ["running", "failed", "cancelled"],
  running: ["completed", "failed", "cancelled"],
  // Back to pending: "retry failed items" re-runs the items without a good result.
  completed: ["pending"],
  failed: ["pending"],
  cancelled: ["pending"],
};

/** Ended: nothing more happens to the run unless its failed items are retried. */
export const TERMINAL_STATUSES: readonly RunStatus[] = ["completed", "failed", "cancelled"];
/** Not ended: waiting to start or executing; the engine may still write to it. */
export const ACTIVE_STATUSES: readonly RunStatus[] = RUN_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));
/** Any run that has not ended can be cancelled. */
export const CANCELLABLE_STATUSES: readonly RunStatus[] = ACTIVE_STATUSES;

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Whether a run can still change: waiting to start or executing (a view of it keeps polling). */
export function isLiveRun(run: { status: RunStatus }): boolean {
  return !isTerminal(run.status);
}

/** Any ended run can have its failed items retried. */
export const RETRYABLE_STATUSES: readonly RunStatus[] = TERMINAL_STATUSES;

export function isCancellable(status: RunStatus): boolean {
  return CANCELLABLE_STATUSES.includes(status);
}

/** The statuses a run may be in for it to move to `to`. */
export function statusesLeadingTo(to: RunStatus): RunStatus[] {
  return RUN_STATUSES.filter((from) => RUN_TRANSITIONS[from].includes(to));
}
