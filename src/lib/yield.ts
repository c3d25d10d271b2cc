/**
 * Cooperative yielding for long loops of already-resolved work. A run against
 * a fast target (echo, a cache) can finish item after item in microtasks and
 * synchronous SQLite calls without ever returning to the event loop — which
 * would freeze every request (the dashboard's polls, other API calls) until
 * the run ends. Loops call this between steps: once `budgetMs` of continuous
 * work has passed, it gives the event loop a turn.
 */
let sliceStartedAt = performance.now();

export async function yieldToEventLoop(budgetMs = 8): Promise<void> {
  if (performance.now() - sliceStartedAt < budgetMs) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  sliceStartedAt = performance.now();
}
