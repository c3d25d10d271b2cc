/**
 * Abort controllers of the runs this process is executing, so a cancel can
 * reach in-flight target calls at once. Other processes learn of a cancel
 * from the database on their next flush.
 */
const controls = new Map<string, AbortController>();

export function registerRunControl(runId: string): AbortController {
  const controller = new AbortController();
  controls.set(runId, controller);
  return controller;
}

export function releaseRunControl(runId: string, controller: AbortController): void {
  if (controls.get(runId) === controller) controls.delete(runId);
}

export function abortLocalRun(runId: string, reason: string): boolean {
  const controller = controls.get(runId);
  if (!controller) return false;
  controller.abort(new Error(reason));
  return true;
}

export function activeLocalRunIds(): string[] {
  return [...controls.keys()];
}
