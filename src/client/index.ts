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
import { isTerminal } from "@/features/runs";
import { wireTransformer } from "@/lib/trpc/transformer";
import type { AppRouter } from "@/server/root";

export type { AppRouter };
export { checkGates, GateUsageError, parseErrorLimit, type ErrorLimit, type GateCheck, type GateOptions, type GateReport } from "./gates";
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
        transformer: wireTransformer,
        headers: () => ({ ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}), ...options.headers }),
        fetch: options.fetch,
      }),
    ],
  });
}

export type TrialrunClient = ReturnType<typeof createTrialrunClient>;

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
    if (isTerminal(run.status)) return run;
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

export type RunComparison = RouterOutputs["compare"]["runs"]["candidates"][number] & { baselineRunId: string; candidateRunId: string };

/**
 * Compares a candidate run with a baseline item by item, on the server (the
 * same numbers as the dashboard): per scorer, the paired means, the delta with
 * a 95% bootstrap interval, and how many items regressed or improved.
 */
export async function compareRuns(
  client: TrialrunClient,
  baselineRunId: string,
  candidateRunId: string,
  options: { epsilon?: number } = {},
): Promise<RunComparison> {
  const { candidates } = await client.compare.runs.query({ baselineRunId, candidateRunIds: [candidateRunId], epsilon: options.epsilon });
  return { ...candidates[0]!, baselineRunId, candidateRunId };
}
