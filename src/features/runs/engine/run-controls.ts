import { processSingleton } from "@/lib/process-singleton";

/**
 * What this process executes of each run: its coordinator and the shards it
 * works on (several at once, each one registration). A cancel reaches every
 * in-flight target call of the run here through `abort`; a shutdown first
 * `drain`s (no new item starts, in-flight ones finish) and aborts what is
 * still running after a grace period. Other processes learn of a cancel from
 * a signal, the database on their next flush, or their status poll.
 */
export interface LocalRun {
  abort: AbortController;
  drain: AbortController;
  finished: Promise<void>;
}

const runs = processSingleton("localRuns", () => new Map<string, Set<LocalRun>>());
const shutdown = processSingleton("localRunsShutdown", () => ({ begun: false }));

export function registerLocalRun(runId: string): { abort: AbortController; drain: AbortController; done: () => void } {
  const abort = new AbortController();
  const drain = new AbortController();
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const entry = { abort, drain, finished };
  const entries = runs.get(runId) ?? new Set<LocalRun>();
  entries.add(entry);
  runs.set(runId, entries);
  return {
    abort,
    drain,
    done: () => {
      entries.delete(entry);
      if (entries.size === 0 && runs.get(runId) === entries) runs.delete(runId);
      done();
    },
  };
}

export function isRunLocal(runId: string): boolean {
  return runs.has(runId);
}

/** Aborts every execution of the run in this process; false when it has none. */
export function abortLocalRun(runId: string, reason: string): boolean {
  const entries = runs.get(runId);
  if (!entries) return false;
  for (const entry of entries) entry.abort.abort(new Error(reason));
  return true;
}

export function localRunIds(): string[] {
  return [...runs.keys()];
}

/** Stops every local run: no new items, in-flight ones get `graceMs` to finish, then are aborted. */
export async function drainLocalRuns(graceMs: number): Promise<void> {
  shutdown.begun = true;
  const entries = [...runs.values()].flatMap((set) => [...set]);
  for (const entry of entries) entry.drain.abort(new Error("shutting down"));
  const all = Promise.all(entries.map((e) => e.finished));
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), graceMs);
  });
  const outcome = await Promise.race([all.then(() => "done" as const), graceOver]);
  clearTimeout(timer);
  if (outcome === "timeout") {
    for (const entry of entries) entry.abort.abort(new Error("shutting down"));
    await all;
  }
  // The process exits now; in tests, the same process plays the next one.
  shutdown.begun = false;
}

/** Whether this process is shutting down: it takes no new work. */
export function isShuttingDown(): boolean {
  return shutdown.begun;
}
