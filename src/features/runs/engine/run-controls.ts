import { processSingleton } from "@/lib/process-singleton";

/**
 * The runs this process is executing. A cancel reaches in-flight target calls
 * through `abort`; a shutdown first `drain`s (no new item starts, in-flight
 * ones finish) and aborts what is still running after a grace period. Other
 * processes learn of a cancel from the database on their next flush.
 */
export interface LocalRun {
  abort: AbortController;
  drain: AbortController;
  finished: Promise<void>;
}

const runs = processSingleton("localRuns", () => new Map<string, LocalRun>());

export function registerLocalRun(runId: string): { abort: AbortController; drain: AbortController; done: () => void } {
  const abort = new AbortController();
  const drain = new AbortController();
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const entry = { abort, drain, finished };
  runs.set(runId, entry);
  return {
    abort,
    drain,
    done: () => {
      if (runs.get(runId) === entry) runs.delete(runId);
      done();
    },
  };
}

export function isRunLocal(runId: string): boolean {
  return runs.has(runId);
}

export function abortLocalRun(runId: string, reason: string): boolean {
  const entry = runs.get(runId);
  if (!entry) return false;
  entry.abort.abort(new Error(reason));
  return true;
}

export function localRunIds(): string[] {
  return [...runs.keys()];
}

/** Stops every local run: no new items, in-flight ones get `graceMs` to finish, then are aborted. */
export async function drainLocalRuns(graceMs: number): Promise<void> {
  const entries = [...runs.values()];
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
}
