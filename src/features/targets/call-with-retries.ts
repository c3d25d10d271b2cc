import { TargetError } from "./types";
import { abortableSleep, onAbort } from "@/lib/abort-listeners";

export interface RetryPolicy {
  retries: number;
  timeoutMs: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest Retry-After we honour; a longer one is cut to this. */
  maxRetryAfterMs?: number;
}

export type CallOutcome<T> =
  | { ok: true; value: T; attempts: number; latencyMs: number }
  | { ok: false; error: TargetError; attempts: number; latencyMs: number }
  | { ok: false; aborted: true; attempts: number };

/** Exponential backoff with jitter (half fixed, half random), or the target's Retry-After. */
export function backoffDelay(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs ?? 60_000);
  const base = policy.baseDelayMs ?? 250;
  const exp = Math.min(policy.maxDelayMs ?? 10_000, base * 2 ** (attempt - 1));
  return exp / 2 + Math.random() * (exp / 2);
}

function toTargetError(error: unknown): TargetError {
  if (error instanceof TargetError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TargetError("other", message || "The target failed without a message.", { cause: error });
}

/**
 * One attempt with its own timeout. The attempt is abandoned when the run
 * aborts or the timeout fires, even if `call` ignores its signal.
 */
async function attemptOnce<T>(call: (signal: AbortSignal) => Promise<T>, runSignal: AbortSignal, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  let rejectStop: (error: unknown) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    rejectStop = reject;
  });
  const onRunAbort = () => {
    controller.abort(runSignal.reason);
    rejectStop(new TargetError("aborted", "The run was stopped."));
  };
  const timer = setTimeout(() => {
    timedOut = true;
    const error = new TargetError("timeout", `No response within ${timeoutMs} ms.`, { transient: true });
    controller.abort(error);
    rejectStop(error);
  }, timeoutMs);
  // Every in-flight attempt of a run watches its signal: one shared listener, not one each.
  const stopWatching = onAbort(runSignal, onRunAbort);
  try {
    return await Promise.race([call(controller.signal), stopped]);
  } catch (error) {
    if (timedOut && !runSignal.aborted) {
      throw new TargetError("timeout", `No response within ${timeoutMs} ms.`, { transient: true, cause: error });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    stopWatching();
    stopped.catch(() => {});
  }
}

/** Calls a target with a per-attempt timeout, retrying transient errors with backoff. */
export async function callWithRetries<T>(call: (signal: AbortSignal) => Promise<T>, policy: RetryPolicy, runSignal: AbortSignal): Promise<CallOutcome<T>> {
  let attempts = 0;
  for (;;) {
    if (runSignal.aborted) return { ok: false, aborted: true, attempts };
    attempts += 1;
    const started = performance.now();
    try {
      const value = await attemptOnce(call, runSignal, policy.timeoutMs);
      return { ok: true, value, attempts, latencyMs: Math.round(performance.now() - started) };
    } catch (raw) {
      const latencyMs = Math.round(performance.now() - started);
      if (runSignal.aborted) return { ok: false, aborted: true, attempts };
      const error = toTargetError(raw);
      if (!error.transient || attempts > policy.retries) return { ok: false, error, attempts, latencyMs };
      try {
        await abortableSleep(backoffDelay(attempts, policy, error.retryAfterMs), runSignal);
      } catch {
        return { ok: false, aborted: true, attempts };
      }
    }
  }
}
