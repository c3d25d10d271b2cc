import { dialect } from "@/server/dialect";
import { embeddedDispatch } from "./embedded";
import { pgBossDispatch } from "./pg-boss";

/**
 * How a run's coordinator hands its shards to the processes that execute
 * them. Each offer is one execution of `executeShards(runId)` somewhere: it
 * claims the run's free shards one after another (shards.ts), so an offer
 * that finds nothing left simply returns, and the run's tables — not the
 * offers — say what remains to do. A lost offer is made again by the
 * coordinator, which re-offers while slots stay free (run-dataset.ts).
 */
export interface Dispatch {
  /** How many shards of one run may execute at once. */
  maxSlots: number;
  /** Makes `count` offers of the run's shards. */
  offer(runId: string, count: number): Promise<void>;
}

/**
 * SQLite: the process that coordinates a run executes it (one host, one
 * engine process). PostgreSQL: offers are pg-boss jobs that any worker takes.
 */
export const dispatch: Dispatch = dialect === "postgres" ? pgBossDispatch : embeddedDispatch;
