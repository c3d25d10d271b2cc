import type { z } from "zod";
import { processSingleton } from "@/lib/process-singleton";
import { runProgress, runVersion } from "@/server/run-changes";

/**
 * Every open run page polls `runs.get` and its results page every 2 s, and
 * many pages may watch one run. The answer is kept here and read again only
 * when needed (see src/server/run-changes.ts for what counts as a change):
 * - after a change of the run's state (status, config, name, final summary),
 *   or once the entry is MAX_AGE_MS old — which bounds staleness when another
 *   process writes the run without telling this one — the next poll reads it
 *   again and waits for that read;
 * - after new results only, the poll gets the entry it has and, once the
 *   entry is PROGRESS_REFRESH_MS old, one read starts behind it
 *   (stale-while-revalidate): a later poll gets that. So on a run writing
 *   results many times a second, pollers do not queue behind reads, each
 *   answer is read at most twice a second however many pages poll, and what
 *   they see is at most about half a second old.
 * Polls that need the same read share it. An answer enters the cache checked
 * against its output schema, once: the procedures that answer from here
 * (`cachedQuery`, src/server/trpc.ts) do not check each poll's copy again —
 * that was about a tenth of the web server's time under 50 pollers. Only the
 * run read model (./run-read-model.ts) reads through this cache.
 */
const MAX_AGE_MS = 1_000;
const PROGRESS_REFRESH_MS = 500;
const MAX_ENTRIES = 500;

interface Entry {
  version: string;
  progress: number;
  at: number;
  value: unknown;
}

const entries = processSingleton("runReadCache", () => new Map<string, Entry>());
/** Reads under way, by cache key and the stamps they were started at. */
const reads = processSingleton("runReadCacheReads", () => new Map<string, Promise<unknown>>());
/** Cache keys with a read under way behind a stale answer: one at a time per key. */
const refreshing = processSingleton("runReadCacheRefreshing", () => new Set<string>());

export async function readThroughRunCache<S extends z.ZodType>(runId: string, key: string, output: S, load: () => Promise<z.input<S>>): Promise<z.output<S>> {
  return readThrough(runId, key, async () => checkedAnswer(output, await load()));
}

/** A mismatch is a bug of ours (an internal error), never the caller's mistake, so no ZodError escapes (that would answer 400). */
function checkedAnswer<S extends z.ZodType>(output: S, value: unknown): z.output<S> {
  const parsed = output.safeParse(value);
  if (!parsed.success) throw new Error(`An answer does not match its output schema: ${parsed.error.message}`);
  return parsed.data;
}

async function readThrough<T>(runId: string, key: string, load: () => Promise<T>): Promise<T> {
  const cacheKey = `${runId}\u0000${key}`;
  // The stamps are read before loading: a change during the load leaves the entry already outdated.
  const version = runVersion(runId);
  const progress = runProgress(runId);
  const hit = entries.get(cacheKey);
  const age = hit ? performance.now() - hit.at : Infinity;
  if (hit && hit.version === version && age < MAX_AGE_MS) {
    if (hit.progress !== progress && age >= PROGRESS_REFRESH_MS && !refreshing.has(cacheKey)) {
      refreshing.add(cacheKey);
      // A failed refresh leaves the entry; the next change or MAX_AGE_MS brings another read.
      void read(cacheKey, version, progress, load)
        .catch(() => {})
        .finally(() => refreshing.delete(cacheKey));
    }
    return hit.value as T;
  }
  return read(cacheKey, version, progress, load);
}

function read<T>(cacheKey: string, version: string, progress: number, load: () => Promise<T>): Promise<T> {
  const readKey = `${cacheKey}\u0000${version}\u0000${progress}`;
  const underway = reads.get(readKey);
  if (underway) return underway as Promise<T>;
  const at = performance.now();
  const promise = load()
    .then((value) => {
      const current = entries.get(cacheKey);
      // A read that started earlier than the entry's must not replace it.
      if (!current || current.at <= at) {
        entries.delete(cacheKey);
        entries.set(cacheKey, { version, progress, at, value });
        if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      }
      return value;
    })
    .finally(() => reads.delete(readKey));
  reads.set(readKey, promise);
  return promise;
}
