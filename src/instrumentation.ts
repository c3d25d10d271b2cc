/**
 * Next.js calls register() once when a server process starts (never during
 * `next build`): the environment is validated (a bad value stops the server
 * with a message naming the variable), the run supervisor resumes runs that an
 * earlier process left behind and drains runs on shutdown, and rows staged by
 * abandoned imports are removed.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    await import("./server/env");
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const { startEventLoopMonitor } = await import("./server/metrics");
  startEventLoopMonitor();
  const { startRunSupervisor } = await import("./features/runs/engine/supervisor");
  const { cleanupAbandonedImports } = await import("./features/datasets/import/import-service");
  await startRunSupervisor();
  // Rows staged by an import whose process died are invisible; remove them.
  await cleanupAbandonedImports().catch(() => {});
}
