/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A polling loop's pause that can be cut short: `pause(ms, signals)` resolves
 * after `ms`, when a signal aborts, or when `wake()` is called — also a wake
 * that came while the loop was busy, so no nudge is lost between two pauses.
 */
export class Pause {
  private woken = false;
  private end: (() => void) | null = null;

  wake(): void {
    if (this.end) this.end();
    else this.woken = true;
  }

  pause(ms: number, signals: AbortSignal[] = []): Promise<void> {
    if (this.woken || signals.some((s) => s.aborted)) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const end = () => {
        clearTimeout(timer);
        for (const signal of signals) signal.removeEventListener("abort", end);
        this.end = null;
        resolve();
      };
      const timer = setTimeout(end, ms);
      for (const signal of signals) signal.addEventListener("abort", end, { once: true });
      this.end = end;
    });
  }
}
