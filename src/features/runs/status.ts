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

export const TERMINAL_STATUSES: readonly RunStatus[] = ["completed", "failed", "cancelled"];
export const CANCELLABLE_STATUSES: readonly RunStatus[] = ["pending", "running"];

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export const RETRYABLE_STATUSES: readonly RunStatus[] = ["completed", "failed", "cancelled"];

export function isCancellable(status: RunStatus): boolean {
  return CANCELLABLE_STATUSES.includes(status);
}

/** The statuses a run may be in for it to move to `to`. */
export function statusesLeadingTo(to: RunStatus): RunStatus[] {
  return RUN_STATUSES.filter((from) => RUN_TRANSITIONS[from].includes(to));
}
