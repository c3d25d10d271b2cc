/**
 * Next.js calls register() once when a server process starts (never during
 * `next build`). The run supervisor resumes runs that an earlier process left
 * behind and drains runs on shutdown.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startEventLoopMonitor } = await import("./server/metrics");
  startEventLoopMonitor();
  const { startRunSupervisor } = await import("./features/runs/engine/supervisor");
  const { cleanupAbandonedImports } = await import("./features/datasets/import/import-service");
  await startRunSupervisor();
  // Rows staged by an import whose process died are invisible; remove them.
  await cleanupAbandonedImports().catch(() => {});
}
