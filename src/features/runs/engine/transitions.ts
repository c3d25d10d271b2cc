import type { Prisma, PrismaClient, RunStatus as DbRunStatus } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { runChanged } from "@/server/run-changes";
import { type RunStatus, isTerminal, statusesLeadingTo } from "../status";

// The database enum and the lifecycle module must list the same statuses.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesMatch: Same<DbRunStatus, RunStatus> = true;
void statusesMatch;

type RunPatch = Omit<Prisma.RunUpdateManyMutationInput, "status">;

/**
 * The only writer of `Run.status`. A compare-and-set update: the run moves to
 * `to` only if its status is one that may lead there (optionally narrowed by
 * `from`), so two actors can never both move a run, and a terminal status is
 * never overwritten. Returns whether this call moved the run.
 */
export async function transitionRun(
  runId: string,
  to: RunStatus,
  options: {
    from?: readonly RunStatus[];
    data?: RunPatch;
    /** Only if this process holds the run's lease (or nobody does): the engine's own moves. */
    leaseOwner?: string;
    /** A transaction to take part in. */
    client?: Prisma.TransactionClient | PrismaClient;
  } = {},
): Promise<boolean> {
  const allowed = statusesLeadingTo(to).filter((status) => !options.from || options.from.includes(status));
  if (allowed.length === 0) return false;
  const now = new Date();
  const result = await (options.client ?? db).run.updateMany({
    where: {
      id: runId,
      status: { in: allowed },
      ...(options.leaseOwner ? { OR: [{ leaseOwner: null }, { leaseOwner: options.leaseOwner }] } : {}),
    },
    data: {
      status: to,
      ...(to === "running" ? { startedAt: now } : {}),
      ...(to === "pending" ? { completedAt: null } : {}),
      ...(isTerminal(to) ? { completedAt: now } : {}),
      // The executor ends its own lease when it moves the run to its end. A
      // move by anyone else (a cancel) leaves the lease with the executor: it
      // still stores the results its target already answered, writes the final
      // summary and then releases the lease (run-dataset.ts). Revoking it here
      // made the executor's next write fail its fence and drop those results.
      ...(isTerminal(to) && options.leaseOwner ? { leaseOwner: null, leaseExpiresAt: null } : {}),
      // The caller's data wins over these defaults (e.g. a retried run keeps its first startedAt).
      ...options.data,
    },
  });
  const moved = result.count === 1;
  // Inside a caller's transaction, the caller reports the change once it commits.
  if (moved && !options.client) runChanged(runId);
  return moved;
}
