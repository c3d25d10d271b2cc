"use client";

/**
 * How often a live view of runs asks again: a run's page, its charts and
 * results, the lists that show an active run. One value, so every view of a
 * run moves at the same pace (the server answers these polls from its run
 * read cache, src/features/runs/server/run-read-model.ts).
 */
export const LIVE_POLL_MS = 2000;

/** The part of a react-query Query the interval reads. */
interface PolledQuery<TData> {
  state: { data: TData | undefined; status: "pending" | "error" | "success" };
}

/**
 * A query's `refetchInterval` that polls every LIVE_POLL_MS while what it
 * shows can still change, and stops once it cannot. `live` is either known
 * from outside (the run a panel belongs to: isLiveRun in the runs feature) or read from the
 * query's own latest data on every tick (a run page or a list polls until
 * its runs have settled: terminal, and the executor's last writes stored). `stopOnError`: a failed fetch ends the polling
 * too, so a page whose run is gone does not ask again every two seconds.
 */
export function useLivePolling(live: boolean): number | false;
export function useLivePolling<TData>(
  live: (data: TData | undefined) => boolean,
  options?: { stopOnError?: boolean },
): (query: PolledQuery<TData>) => number | false;
export function useLivePolling<TData>(
  live: boolean | ((data: TData | undefined) => boolean),
  options: { stopOnError?: boolean } = {},
): number | false | ((query: PolledQuery<TData>) => number | false) {
  if (typeof live === "boolean") return live ? LIVE_POLL_MS : false;
  return (query: PolledQuery<TData>) => {
    if (options.stopOnError && query.state.status === "error") return false;
    return live(query.state.data) ? LIVE_POLL_MS : false;
  };
}
