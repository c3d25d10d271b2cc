import { executeShards } from "../shard-executor";
import type { Dispatch } from "./index";

/**
 * The dispatch of one engine process (SQLite): the coordinator's process
 * executes the shards itself, one at a time, at the run's whole concurrency —
 * one process gains nothing from splitting it, and smaller shards would only
 * mean smaller write batches.
 */
export const embeddedDispatch: Dispatch = {
  maxSlots: 1,
  offer(runId, count) {
    for (let i = 0; i < count; i++) void executeShards(runId, { chainForMs: Number.POSITIVE_INFINITY });
    return Promise.resolve();
  },
};
