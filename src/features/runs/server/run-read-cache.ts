import { processSingleton } from "@/lib/process-singleton";
import { runVersion } from "@/server/run-changes";

/**
 * Every open run page polls `runs.get` and its results page every 2 s, and
 * many pages may watch one run; between two writes of the engine (at most
 * one every TRIALRUN_FLUSH_INTERVAL_MS) they all read the same answer. That
 * answer is kept here until the run changes (see src/server/run-changes.ts)
 * and for at most MAX_AGE_MS, which bounds staleness when another process — another
 * server on the same database — writes the run without telling this one.
 * Only the run read model (./run-read-model.ts) reads through it.
 */
const MAX_AGE_MS = 1_000;
const MAX_ENTRIES = 500;

interface Entry {
  version: string;
  at: number;
  value: unknown;
}

const entries = processSingleton("runReadCache", () => new Map<string, Entry>());

export async function readThroughRunCache<T>(runId: string, key: string, load: () => Promise<T>): Promise<T> {
  const cacheKey = `${runId}\u0000${key}`;
  const version = runVersion(runId);
  const hit = entries.get(cacheKey);
  if (hit && hit.version === version && performance.now() - hit.at < MAX_AGE_MS) return hit.value as T;
  // The stamp is read before loading: a change during the load leaves this entry already outdated.
  const value = await load();
  entries.delete(cacheKey);
  entries.set(cacheKey, { version, at: performance.now(), value });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}
