import os from "node:os";
import { newId } from "@/lib/id";
import type { Prisma } from "@/generated/prisma/client";
import { processSingleton } from "@/lib/process-singleton";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { ACTIVE_STATUSES } from "../status";

/**
 * A run being coordinated, and each shard of it being executed, holds a lease: an owner and an expiry, renewed by a
 * heartbeat. Only the owner executes the run or writes its results; a run whose
 * lease expired (its process died) is taken over and resumed by another.
 *
 * The owner is "<host>/<pid>/<boot>", unique to each process with no setting
 * (any number of web servers and workers may share a host and a database).
 * A lease whose owner ran on this host in a process that is gone (a restart
 * after a kill) is free at once, without waiting for it to expire; leases of
 * other hosts are free when they expire. Hosts (machines, containers) need
 * different host names, or each its TRIALRUN_INSTANCE_ID.
 */
export const LEASE_TTL_MS = 20_000;
export const HEARTBEAT_INTERVAL_MS = 5_000;

const host = (env.TRIALRUN_INSTANCE_ID ?? os.hostname()).replaceAll("/", "_");
export const LEASE_OWNER = processSingleton("leaseOwner", () => `${host}/${process.pid}/${newId()}`);

export class LeaseLostError extends Error {
  constructor(runId: string) {
    super(`Run ${runId}: this process no longer holds the run's lease; another process has taken it over.`);
    this.name = "LeaseLostError";
  }
}

/** Whether a lease owner ran on this host in a process that no longer exists. */
export function ownerIsGoneFromThisHost(owner: string, isAlive: (pid: number) => boolean = processIsAlive): boolean {
  const [ownerHost, pid, boot] = owner.split("/");
  if (ownerHost !== host || boot === undefined || owner === LEASE_OWNER) return false;
  const id = Number(pid);
  return Number.isInteger(id) && id > 0 && (id === process.pid || !isAlive(id));
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Owners of active runs' leases that ran on this host in processes that are gone. */
export async function goneOwnersOnThisHost(): Promise<string[]> {
  const rows = await db.run.findMany({
    where: { status: { in: [...ACTIVE_STATUSES] }, leaseOwner: { startsWith: `${host}/` } },
    select: { leaseOwner: true },
    distinct: ["leaseOwner"],
    take: 1000,
  });
  return rows.map((row) => row.leaseOwner!).filter((owner) => ownerIsGoneFromThisHost(owner));
}

/** Runs whose lease no live process holds: none, expired, or held by a process of this host that is gone. */
export function leaseIsFree(now: Date, goneOwners: string[]): Prisma.RunWhereInput {
  return { OR: [{ leaseOwner: null }, { leaseExpiresAt: { lt: now } }, ...(goneOwners.length > 0 ? [{ leaseOwner: { in: goneOwners } }] : [])] };
}

/**
 * Takes the lease of an active run if no live process holds it. Within this
 * process, `startRun` makes sure only one execution of a run asks.
 */
export async function acquireLease(runId: string): Promise<boolean> {
  const now = new Date();
  const current = await db.run.findUnique({ where: { id: runId }, select: { leaseOwner: true } });
  const gone = current?.leaseOwner && ownerIsGoneFromThisHost(current.leaseOwner) ? [current.leaseOwner] : [];
  const result = await db.run.updateMany({
    where: { id: runId, status: { in: [...ACTIVE_STATUSES] }, ...leaseIsFree(now, gone) },
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

/** Whether a lease held by `owner` until `expiresAt` is still held by a live process. */
export function leaseIsLive(owner: string | null, expiresAt: Date | null, now: Date): boolean {
  return owner !== null && expiresAt !== null && expiresAt >= now && !ownerIsGoneFromThisHost(owner);
}

/** Calls `renew` every HEARTBEAT_INTERVAL_MS; calls `onLost` once if the lease is lost. */
export function startHeartbeat(renew: () => Promise<boolean>, onLost: () => void): () => void {
  let stopped = false;
  const timer = setInterval(() => {
    renew()
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
