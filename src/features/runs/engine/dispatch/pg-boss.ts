import type PgBoss from "pg-boss";
import { processSingleton } from "@/lib/process-singleton";
import { postgresPool } from "@/server/db";
import { env } from "@/server/env";
import { errorMessage, logger } from "@/server/logger";
import { postgresSignalsStarted, publish } from "@/server/postgres-signals";
import { executeShards } from "../shard-executor";
import type { Dispatch } from "./index";

/**
 * The dispatch of PostgreSQL deployments, on pg-boss (a job queue in the same
 * database). A job is an offer: `{ runId }`, executed by whichever worker
 * fetches it, as `executeShards(runId)`. pg-boss has no heartbeat, so it is
 * not the judge of liveness: each shard's lease is (shards.ts), and the run's
 * coordinator offers again while the run has free slots and open shards —
 * every job can be rebuilt from our tables, which matters because pg-boss 10
 * has no schema upgrade path to 11 (drain, then start on a new schema).
 * A job executes one shard (a few minutes of work against a real target), and
 * the next open ones of its run while it has lasted less than CHAIN_MS: so as
 * jobs end and are offered again a run's slots spread over the workers that
 * are free, while a fast target's small shards do not each pay for a job's
 * round trip (coordinator, queue, fetch, claim), which left a slot idle
 * between shards. It
 * is never retried by pg-boss (retryLimit 0), and its expiry is long: our
 * leases, not pg-boss, decide when work is taken over.
 */
const QUEUE = "trialrun-shards";
/** Each work loop's poll; offers also wake one idle loop per worker at once (wakeShardWorkers). */
const POLL_SECONDS = 2;
/** The advisory lock under which a process creates the queue (createQueueOnce). */
const QUEUE_LOCK = "trialrun.jobs.create-queue";
/** How long a job goes on claiming its run's next shards before it gives its slot back to the queue. */
const CHAIN_MS = 5_000;

interface Offer {
  runId: string;
}

const state = processSingleton("pgBossDispatch", () => ({
  boss: null as Promise<PgBoss> | null,
  workers: null as Promise<string[]> | null,
}));

function boss(): Promise<PgBoss> {
  state.boss ??= (async () => {
    const { default: PgBossClass } = await import("pg-boss");
    // A small pool: N web instances and M workers share max_connections.
    const instance = new PgBossClass({ connectionString: env.DATABASE_URL, max: 3, schema: "trialrun_jobs" });
    instance.on("error", (error: unknown) => logger.warn("job queue error", { error: errorMessage(error) }));
    await instance.start();
    await createQueueOnce(instance);
    return instance;
  })();
  state.boss.catch(() => {
    state.boss = null;
  });
  return state.boss;
}

/**
 * Creates the queue unless it exists. pg-boss 10's create_queue is not
 * serialized: two processes starting at once both insert the queue row and
 * then attach its partition, and PostgreSQL kills one of them as a deadlock
 * (seen when a web instance and a worker start together). A session advisory
 * lock on a connection of our own pool makes the processes take turns; the
 * lock goes with the connection if the process dies holding it.
 */
export async function createQueueOnce(instance: PgBoss): Promise<void> {
  const client = await postgresPool().connect();
  let broken: Error | undefined;
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [QUEUE_LOCK]);
    try {
      if (!(await instance.getQueue(QUEUE))) {
        await instance.createQueue(QUEUE, { name: QUEUE, policy: "standard", retryLimit: 0, expireInSeconds: 6 * 3600, retentionMinutes: 60 });
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [QUEUE_LOCK]).catch((error: unknown) => {
        broken = error instanceof Error ? error : new Error(String(error));
      });
    }
  } finally {
    // A connection whose unlock failed is closed, which releases the lock.
    client.release(broken);
  }
}

/**
 * Makes this process a worker of the queue: TRIALRUN_WORKER_SLOTS jobs at
 * once (pg-boss 10 has no team size: one `work` per slot). Idempotent.
 */
export function startShardWorkers(): Promise<string[]> {
  state.workers ??= (async () => {
    const instance = await boss();
    const ids: string[] = [];
    for (let i = 0; i < env.TRIALRUN_WORKER_SLOTS; i++) {
      // The handler may run before `work` resolves; until then the loop counts as idle.
      let id = "";
      id = await instance.work<Offer>(QUEUE, { pollingIntervalSeconds: POLL_SECONDS, batchSize: 1 }, async (jobs) => {
        busy.add(id);
        try {
          for (const job of jobs) {
            await executeShards(job.data.runId, { chainForMs: CHAIN_MS });
            // The run's coordinator, wherever it is, offers the freed slot at once.
            publish({ kind: "ended", runId: job.data.runId });
          }
        } finally {
          busy.delete(id);
        }
      });
      ids.push(id);
    }
    return ids;
  })();
  state.workers.catch(() => {
    state.workers = null;
  });
  return state.workers;
}

/** The work loops of this process that are executing a job. */
const busy = processSingleton("pgBossBusyLoops", () => new Set<string>());

/**
 * Wakes up to `count` idle work loops of this process now instead of at
 * their next poll (a signal said `count` offers are waiting). Every worker
 * hears the signal and wakes as many, so the offers go to whichever loops
 * fetch first, spread over the workers; each loop takes one. Waking fewer
 * left the rest of a run's first offers to the next poll, with its slots idle.
 */
export function wakeShardWorkers(count: number): void {
  // A signal from a process of an older version carries no count: one, as those woke.
  const wanted = Number.isInteger(count) && count > 0 ? count : 1;
  void state.workers?.then(async (ids) => {
    const instance = await boss();
    for (const id of ids.filter((loop) => !busy.has(loop)).slice(0, wanted)) instance.notifyWorker(id);
  });
}

/** Stops the queue client (tests; a worker's exit ends it anyway). */
export async function stopJobQueue(): Promise<void> {
  const instance = await state.boss?.catch(() => null);
  state.boss = null;
  state.workers = null;
  await instance?.stop({ graceful: false, wait: true }).catch(() => {});
}

export const pgBossDispatch: Dispatch = {
  maxSlots: Number.POSITIVE_INFINITY,
  async offer(runId, count) {
    // A process that coordinates runs executes shards too.
    await startShardWorkers();
    const instance = await boss();
    await instance.insert(Array.from({ length: count }, () => ({ name: QUEUE, data: { runId } satisfies Offer })));
    // The signal comes back to this process too: its loops are woken with the
    // others', so they do not take every offer first. A process that does not
    // listen (tests) wakes its own.
    if (postgresSignalsStarted()) publish({ kind: "offer", count });
    else wakeShardWorkers(count);
  },
};
