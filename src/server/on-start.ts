/**
 * What a web server process does once at start (called from
 * src/instrumentation.ts, Node.js runtime only): validate the environment (a
 * bad value stops the server with a message naming the variable), start the
 * event-loop monitor, resume interrupted runs unless an engine worker executes
 * them, and remove rows of abandoned imports.
 */
export async function onServerStart(): Promise<void> {
  let executeIn: string;
  try {
    executeIn = (await import("./env")).env.TRIALRUN_RUNS_EXECUTE_IN;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const { startEventLoopMonitor } = await import("./metrics");
  startEventLoopMonitor();
  const { startRunSupervisor } = await import("@/features/runs/engine");
  const { cleanupAbandonedImports } = await import("@/features/datasets/server");
  // With an engine worker (src/worker/main.ts), it resumes and executes runs; this process only serves.
  if (executeIn === "server") await startRunSupervisor("server");
  // On PostgreSQL, processes on every host tell each other of new, cancelled and changed runs.
  const { dialect } = await import("./dialect");
  if (dialect === "postgres") {
    const { startEngineSignals } = await import("@/features/runs/engine");
    startEngineSignals({ executesRuns: executeIn === "server" });
  }
  // Rows staged by an import whose process died are invisible; remove them.
  await cleanupAbandonedImports().catch(() => {});
}
