/*
 * One "abort" listener per signal, fanned out to many callbacks. A run's
 * signal is watched by every in-flight attempt, every waiting worker and
 * every backoff; with one listener each, a run at concurrency 50 passed
 * Node's limit of 10 listeners per event and printed
 * MaxListenersExceededWarning on every run. The callbacks are not a leak:
 * each removes itself when its wait ends. Raising the limit would hide a real
 * leak elsewhere, so the signal keeps one listener and its default limit.
 */

const callbacks = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `fn` once when `signal` aborts (at once, in a microtask, if it already
 * has). Returns the function that unregisters it; call it when the wait ends.
 */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  if (signal.aborted) {
    let cancelled = false;
    queueMicrotask(() => {
      if (!cancelled) fn();
    });
    return () => {
      cancelled = true;
    };
  }
  let set = callbacks.get(signal);
  if (!set) {
    const registered = new Set<() => void>();
    set = registered;
    callbacks.set(signal, registered);
    signal.addEventListener(
      "abort",
      () => {
        callbacks.delete(signal);
        for (const callback of [...registered]) callback();
        registered.clear();
      },
      { once: true },
    );
  }
  const own = set;
  // A wrapper, so the same function registered twice is two registrations.
  const entry = () => fn();
  own.add(entry);
  return () => {
    own.delete(entry);
  };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (one shared listener per signal). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
      return;
    }
    const stop = onAbort(signal, () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    });
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
  });
}
