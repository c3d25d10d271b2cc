import { onAbort } from "./abort-listeners";

/** Counts permits; `acquire` waits in FIFO order and gives up when its signal aborts. */
export class Semaphore {
  private available: number;
  private readonly waiters: { resolve: () => void; reject: (e: unknown) => void; stopWatching?: () => void }[] = [];

  constructor(permits: number) {
    this.available = permits;
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    if (this.available > 0) {
      this.available -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: (typeof this.waiters)[number] = { resolve, reject };
      if (signal) {
        // One shared listener per signal (src/lib/abort-listeners.ts): many workers wait here at once.
        waiter.stopWatching = onAbort(signal, () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
        });
      }
      this.waiters.push(waiter);
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) {
      next.stopWatching?.();
      next.resolve();
    } else {
      this.available += 1;
    }
  }
}
