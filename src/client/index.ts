/**
 * The typed Trialrun client for other TypeScript apps, scripts and CI jobs:
 *
 *   import { createTrialrunClient, waitForRun } from "trialrun/client";
 *   const trialrun = createTrialrunClient({ url: "http://localhost:3000", apiKey });
 *   const { runId } = await trialrun.runs.trigger.mutate({ datasetId, targetId });
 *   const run = await waitForRun(trialrun, runId, { onProgress: (r) => console.log(r.doneCount) });
 *
 * Only types are imported from the server: no Next.js, Prisma or React code
 * reaches the consumer.
 */
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import superjson from "superjson";
import type { AppRouter } from "@/server/root";

export type { AppRouter };
export { TRPCClientError };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type Run = RouterOutputs["runs"]["get"];
export type RunResult = RouterOutputs["runs"]["results"]["results"][number];
export type RunStatus = Run["status"];

export interface TrialrunClientOptions {
  /** Base URL of the Trialrun server, e.g. http://localhost:3000 */
  url: string;
  /** An API key from the server's settings page (sent as `Authorization: Bearer`). */
  apiKey?: string;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** A fully typed client of the Trialrun API. */
export function createTrialrunClient(options: TrialrunClientOptions) {
  const base = options.url.replace(/\/+$/, "");
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/api/trpc`,
        transformer: superjson,
        headers: () => ({ ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}), ...options.headers }),
        fetch: options.fetch,
      }),
    ],
  });
}

export type TrialrunClient = ReturnType<typeof createTrialrunClient>;

const TERMINAL: readonly RunStatus[] = ["completed", "failed", "cancelled"];

export interface WaitForRunOptions {
  /** Called after every poll with the run as it is. */
  onProgress?: (run: Run) => void;
  /** Stops waiting (rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Milliseconds between polls; 1000 by default. */
  intervalMs?: number;
}

/** Polls a run until it is completed, failed or cancelled, and returns it. */
export async function waitForRun(client: TrialrunClient, runId: string, options: WaitForRunOptions = {}): Promise<Run> {
  const interval = options.intervalMs ?? 1000;
  for (;;) {
    options.signal?.throwIfAborted();
    const run = await client.runs.get.query({ id: runId }, { signal: options.signal });
    options.onProgress?.(run);
    if (TERMINAL.includes(run.status)) return run;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, interval);
      options.signal?.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          reject(options.signal?.reason instanceof Error ? options.signal.reason : new Error("aborted"));
        },
        { once: true },
      );
    });
  }
}

/** Every result of a run, page by page (memory grows with the run: use for CI-sized runs). */
export async function* iterateResults(client: TrialrunClient, runId: string, pageSize = 200): AsyncGenerator<RunResult> {
  for (let page = 1; ; page++) {
    const { results, total } = await client.runs.results.query({ runId, page, pageSize });
    yield* results;
    if (page * pageSize >= total || results.length === 0) return;
  }
}

export interface ScorerComparison {
  name: string;
  baselineMean: number | null;
  candidateMean: number | null;
  delta: number | null;
  /** Items whose score went down / up / stayed, among items scored in both runs. */
  regressions: number;
  improvements: number;
  unchanged: number;
}

export interface RunComparison {
  baselineRunId: string;
  candidateRunId: string;
  /** Items present in both runs (matched by item id and repetition). */
  matched: number;
  scorers: ScorerComparison[];
  /** Items that regressed on at least one scorer. */
  regressedItems: number;
}

/**
 * Compares a candidate run with a baseline item by item: per scorer, the mean
 * of each and how many items regressed or improved (a change larger than
 * `epsilon`). Items are matched by their stable item id and repetition.
 */
export async function compareRuns(client: TrialrunClient, baselineRunId: string, candidateRunId: string, options: { epsilon?: number } = {}): Promise<RunComparison> {
  const epsilon = options.epsilon ?? 1e-9;
  const key = (r: RunResult) => `${r.itemId}:${r.repetition}`;
  const baseline = new Map<string, Record<string, number | null>>();
  for await (const r of iterateResults(client, baselineRunId)) baseline.set(key(r), Object.fromEntries(r.scores.map((s) => [s.name, s.value])));

  const names = new Set<string>();
  const sums = new Map<string, { base: number; baseN: number; cand: number; candN: number; reg: number; imp: number; same: number }>();
  const stat = (name: string) => {
    names.add(name);
    let s = sums.get(name);
    if (!s) sums.set(name, (s = { base: 0, baseN: 0, cand: 0, candN: 0, reg: 0, imp: 0, same: 0 }));
    return s;
  };
  for (const scores of baseline.values()) {
    for (const [name, value] of Object.entries(scores)) {
      const s = stat(name);
      if (value !== null) {
        s.base += value;
        s.baseN += 1;
      }
    }
  }
  let matched = 0;
  const regressed = new Set<string>();
  for await (const r of iterateResults(client, candidateRunId)) {
    const before = baseline.get(key(r));
    if (before) matched += 1;
    for (const score of r.scores) {
      const s = stat(score.name);
      if (score.value !== null) {
        s.cand += score.value;
        s.candN += 1;
      }
      const old = before?.[score.name];
      if (old === undefined || old === null || score.value === null) continue;
      if (score.value < old - epsilon) {
        s.reg += 1;
        regressed.add(key(r));
      } else if (score.value > old + epsilon) s.imp += 1;
      else s.same += 1;
    }
  }
  const scorers = [...names].sort().map((name) => {
    const s = stat(name);
    const baselineMean = s.baseN ? s.base / s.baseN : null;
    const candidateMean = s.candN ? s.cand / s.candN : null;
    return {
      name,
      baselineMean,
      candidateMean,
      delta: baselineMean !== null && candidateMean !== null ? candidateMean - baselineMean : null,
      regressions: s.reg,
      improvements: s.imp,
      unchanged: s.same,
    };
  });
  return { baselineRunId, candidateRunId, matched, scorers, regressedItems: regressed.size };
}
