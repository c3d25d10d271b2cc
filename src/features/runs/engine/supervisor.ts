import { processSingleton } from "@/lib/process-singleton";
import { db, ensureDbReady } from "@/server/db";
import { env } from "@/server/env";
import { errorMessage, logger } from "@/server/logger";
import { leaseIsFree } from "./lease";
import { drainLocalRuns, isRunLocal } from "./run-controls";
import { startRun } from "./start-run";

/** How often this process looks for runs that nobody executes. */
export const RECOVERY_INTERVAL_MS = 5_000;
/** A pending run younger than this is still being started by the process that triggered it. */
const PENDING_GRACE_MS = 5_000;

/**
 * Finds active runs whose lease no live process holds — their process was
 * killed, crashed or shut down — and resumes them here. Items that already
 * have a result are skipped. Returns the ids it started.
 */
export async function recoverInterruptedRuns(): Promise<string[]> {
  const now = new Date();
  const orphans = await db.run.findMany({
    where: {
      AND: [
        leaseIsFree(now),
        {
          OR: [{ status: "running" }, { status: "pending", createdAt: { lt: new Date(now.getTime() - PENDING_GRACE_MS) } }],
        },
      ],
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 50,
  });
  const started: string[] = [];
  for (const { id } of orphans) {
    if (isRunLocal(id)) continue;
    // startRun takes the lease first, so a run is never executed twice at once.
    void startRun(id);
    started.push(id);
  }
  if (started.length > 0) logger.info("resuming interrupted runs", { runIds: started });
  return started;
}

const supervisor = processSingleton("runSupervisor", () => ({ started: false }));

/**
 * Called once per server process (src/instrumentation.ts): resumes interrupted
 * runs now and every few seconds, and drains runs on SIGTERM/SIGINT so the
 * next process resumes them at once.
 */
export async function startRunSupervisor(): Promise<void> {
  if (supervisor.started) return;
  supervisor.started = true;
  await ensureDbReady();
  const sweep = () => {
    recoverInterruptedRuns().catch((error: unknown) => logger.error("run recovery failed", { error: errorMessage(error) }));
  };
  sweep();
  const timer = setInterval(sweep, RECOVERY_INTERVAL_MS);
  timer.unref();

  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    clearInterval(timer);
    logger.info("shutting down: draining runs", { signal, graceMs: env.TRIALRUN_SHUTDOWN_GRACE_MS });
    drainLocalRuns(env.TRIALRUN_SHUTDOWN_GRACE_MS)
      .catch((error: unknown) => logger.error("drain failed", { error: errorMessage(error) }))
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}
