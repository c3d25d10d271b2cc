import { processSingleton } from "./process-singleton";

/**
 * Cooperative yielding for long loops of already-resolved work. A run against
 * a fast target (echo, a cache) can finish item after item in microtasks and
 * synchronous SQLite calls without ever returning to the event loop — which
 * would freeze every request (the dashboard's polls, other API calls) until
 * the run ends. Loops call this between steps: once `budgetMs` of continuous
 * work has passed, it gives the event loop a turn — a whole one, timers
 * included, while HTTP requests are being served, so they go first.
 */
const state = processSingleton("cooperativeYield", () => ({ sliceStartedAt: performance.now(), activeRequests: 0 }));

export async function yieldToEventLoop(budgetMs = 8): Promise<void> {
  if (performance.now() - state.sliceStartedAt < budgetMs) return;
  if (state.activeRequests > 0) await new Promise<void>((resolve) => setTimeout(resolve, 1));
  else await new Promise<void>((resolve) => setImmediate(resolve));
  state.sliceStartedAt = performance.now();
}

/** Marks an HTTP request in progress for the duration of `handle`. */
export async function asInteractiveRequest<T>(handle: () => Promise<T>): Promise<T> {
  state.activeRequests += 1;
  try {
    return await handle();
  } finally {
    state.activeRequests -= 1;
  }
}
