/**
 * Next.js calls register() once when a server process starts (never during
 * `next build`). The Node.js-only work lives in src/server/on-start.ts.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { onServerStart } = await import("./server/on-start");
  await onServerStart();
}
