import os from "node:os";
import { newId } from "@/lib/id";
import type { Prisma } from "@/generated/prisma/client";
import { processSingleton } from "@/lib/process-singleton";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { ACTIVE_STATUSES } from "../status";

/**
 * A run being executed holds a lease: an owner and an expiry, renewed by a
 * heartbeat. Only the owner executes the run or writes its results; a run whose
 * lease expired (its process died) is taken over and resumed by another.
 *
 * The owner is "<instance>/<boot>": after a restart, the same instance knows
 * that leases of its earlier boots are orphaned and takes them over at once,
 * without waiting for them to expire. Processes that share a database on one
 * host must each set TRIALRUN_INSTANCE_ID.
 */
export const LEASE_TTL_MS = 30_000;
export const HEARTBEAT_INTERVAL_MS = 5_000;

const instanceId = env.TRIALRUN_INSTANCE_ID ?? os.hostname();
export const LEASE_OWNER = processSingleton("leaseOwner", () => `${instanceId}/${newId()}`);

export class LeaseLostError extends Error {
  constructor(runId: string) {
    super(`Run ${runId}: this process no longer holds the run's lease; another process has taken it over.`);
    this.name = "LeaseLostError";
  }
}

/** Runs whose lease no live process holds: none, expired, or from an earlier boot of this instance. */
export function leaseIsFree(now: Date): Prisma.RunWhereInput {
  return {
    OR: [
      { leaseOwner: null },
      { leaseExpiresAt: { lt: now } },
      { AND: [{ leaseOwner: { startsWith: `${instanceId}/` } }, { leaseOwner: { not: LEASE_OWNER } }] },
    ],
  };
}

/**
 * Takes the lease of an active run if no live process holds it. Within this
 * process, `startRun` makes sure only one execution of a run asks.
 */
export async function acquireLease(runId: string): Promise<boolean> {
  const now = new Date();
  const result = await db.run.updateMany({
    where: { id: runId, status: { in: [...ACTIVE_STATUSES] }, ...leaseIsFree(now) },
    data: { leaseOwner: LEASE_OWNER, leaseExpiresAt: new Date(now.getTime() + LEASE_TTL_MS) },
  });
  return result.count === 1;
}

/** Extends our lease; false when it is no longer ours. */
export async function renewLease(runId: string): Promise<boolean> {
  const result = await db.run.updateMany({
    where: { id: runId, leaseOwner: LEASE_OWNER },
    data: { leaseExpiresAt: new Date(Date.now() + LEASE_TTL_MS) },
  });
  return result.count === 1;
}

/** Gives the lease up so that the next process resumes the run at once. */
export async function releaseLease(runId: string): Promise<void> {
  await db.run.updateMany({ where: { id: runId, leaseOwner: LEASE_OWNER }, data: { leaseOwner: null, leaseExpiresAt: null } });
}

/** Renews the lease every HEARTBEAT_INTERVAL_MS; calls `onLost` once if it is lost. */
export function startHeartbeat(runId: string, onLost: () => void): () => void {
  let stopped = false;
  const timer = setInterval(() => {
    renewLease(runId)
      .then((ok) => {
        if (!ok && !stopped) {
          stopped = true;
          onLost();
        }
      })
      // A failed renewal is retried at the next beat; the lease outlives several beats.
      .catch(() => {});
  }, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
