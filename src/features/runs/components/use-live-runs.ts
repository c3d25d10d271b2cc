"use client";

import { useNow } from "@/components/hooks";
import { useLivePolling } from "@/components/use-live-polling";
import { api } from "@/lib/trpc/react";
import type { RouterInputs } from "@/lib/trpc/types";
import { isLiveRun } from "../status";

/**
 * A page of the runs list as the lists show it: the previous page stays on
 * screen while the next loads, the page is asked again while any run on it
 * can still change, and `now` ticks while one is live (their durations run).
 */
export function useLiveRuns(input: RouterInputs["runs"]["list"]) {
  const runs = api.runs.list.useQuery(input, {
    placeholderData: (previous) => previous,
    refetchInterval: useLivePolling((data: { runs: { settled: boolean }[] } | undefined) => data?.runs.some((run) => !run.settled) ?? false),
  });
  const live = runs.data?.runs.some(isLiveRun) ?? false;
  return { runs, live, now: useNow(live) };
}
