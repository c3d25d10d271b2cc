import { processSingleton } from "@/lib/process-singleton";
import { db, ensureDbReady } from "@/server/db";
import { env } from "@/server/env";
import { errorMessage, logger } from "@/server/logger";
import { TERMINAL_STATUSES } from "../status";
import { goneOwnersOnThisHost, leaseIsFree } from "./lease";
import { abortLocalRun, drainLocalRuns, isRunLocal, localRunIds } from "./run-controls";
import { startRun } from "./start-run";

/** How often a web server process looks for runs that nobody executes. */
export const RECOVERY_INTERVAL_MS = 5_000;
/** A pending run younger than this is still being started by the process that triggered it. */
const PENDING_GRACE_MS = 5_000;
/** An engine worker picks up new runs this often (the web server only queues them). */
const WORKER_POLL_MS = 200;
/** An engine worker checks its runs' statuses this often, so a cancel stops calls within a second. */
const WORKER_CONTROL_MS = 500;

/**
 * Finds active runs whose lease no live process holds — their process was
 * killed, crashed or shut down — and resumes them here. Items that already
 * have a result are skipped. Returns the ids it started.
 */
export async function recoverInterruptedRuns(options: { pendingGraceMs?: number } = {}): Promise<string[]> {
  const now = new Date();
  const pendingGraceMs = options.pendingGraceMs ?? PENDING_GRACE_MS;
  const gone = await goneOwnersOnThisHost();
  const orphans = await db.run.findMany({
    where: {
      AND: [
        leaseIsFree(now, gone),
        {
          OR: [{ status: "running" }, { status: "pending", createdAt: { lt: new Date(now.getTime() - pendingGraceMs) } }],
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
export async function startRunSupervisor(role: "server" | "worker" = "server"): Promise<void> {
  if (supervisor.started) return;
  supervisor.started = true;
  await ensureDbReady();
  const worker = role === "worker";
  const sweep = () => {
    recoverInterruptedRuns({ pendingGraceMs: worker ? 0 : PENDING_GRACE_MS }).catch((error: unknown) =>
      logger.error("run recovery failed", { error: errorMessage(error) }),
    );
  };
  sweep();
  const timer = setInterval(sweep, worker ? WORKER_POLL_MS : RECOVERY_INTERVAL_MS);
  timer.unref();
  if (worker) {
    // A cancel is a status change made by the web server: look for it often,
    // not only when a result is written (a slow target may write none for a while).
    const control = setInterval(() => {
      stopCancelledLocalRuns().catch(() => {});
    }, WORKER_CONTROL_MS);
    control.unref();
  }

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

/** Aborts the local runs whose status is no longer running (cancelled elsewhere). */
async function stopCancelledLocalRuns(): Promise<void> {
  const ids = localRunIds();
  if (ids.length === 0) return;
  const stopped = await db.run.findMany({ where: { id: { in: ids }, status: { in: [...TERMINAL_STATUSES] } }, select: { id: true, status: true } });
  for (const run of stopped) abortLocalRun(run.id, `run is ${run.status}`);
}
