import { onAbort } from "@/lib/abort-listeners";
import { ScorerError } from "./types";

/**
 * Shared plumbing for scorers that call a service: one signal that fires on
 * cancel or on the per-attempt timeout, and telling the two apart afterwards.
 */
export function attemptSignal(runSignal: AbortSignal, timeoutMs: number): { signal: AbortSignal; timedOut: () => boolean } {
  const timeout = AbortSignal.timeout(timeoutMs);
  return { signal: AbortSignal.any([runSignal, timeout]), timedOut: () => timeout.aborted && !runSignal.aborted };
}

export function cancelledError(): ScorerError {
  return new ScorerError("Scoring was cancelled.");
}

/** Waits `ms`, or rejects with the cancel error as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(cancelledError());
      return;
    }
    // One shared listener on the run's signal (src/lib/abort-listeners.ts), however many scorers back off at once.
    const stop = onAbort(signal, () => {
      clearTimeout(timer);
      reject(cancelledError());
    });
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
  });
}
