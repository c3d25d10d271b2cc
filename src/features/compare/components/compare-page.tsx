"use client";

import { PageHeader } from "@/components/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { useLivePolling } from "@/components/use-live-polling";
import { useUrlState } from "@/components/use-url-state";
import { isLiveRun } from "@/features/runs";
import { api } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { COMPARE_LIMITS } from "../schemas";
import { compareView, FRESH_ITEMS } from "./compare-view-state";
import { ComparisonView } from "./comparison-view";
import { RunPickers } from "./run-pickers";

type Comparison = RouterOutputs["compare"]["runs"];

export function ComparePage() {
  const [view, setView] = useUrlState(compareView);
  const { dataset: datasetParam, baseline } = view;
  const candidates = view.candidate.filter((c) => c !== baseline).slice(0, COMPARE_LIMITS.candidatesMax);
  const update = (next: { datasetId?: string; baseline?: string; candidates?: string[] }) =>
    setView({
      ...(next.datasetId !== undefined ? { dataset: next.datasetId } : {}),
      ...(next.baseline !== undefined ? { baseline: next.baseline } : {}),
      ...(next.candidates !== undefined ? { candidate: next.candidates } : {}),
      ...FRESH_ITEMS,
    });
  const comparing = baseline !== "" && candidates.length > 0;
  const comparison = api.compare.runs.useQuery(
    { baselineRunId: baseline, candidateRunIds: candidates },
    {
      enabled: comparing,
      // While a run still runs, its numbers move: follow them.
      refetchInterval: useLivePolling((data: Comparison | undefined) => (data ? [data.baseline, ...data.candidates.map((c) => c.run)].some(isLiveRun) : false)),
    },
  );
  // Opened with ?baseline=&candidate= only: the dataset comes from the baseline run.
  const datasetId = datasetParam || comparison.data?.baseline.datasetId || "";

  return (
    <>
      <PageHeader
        title="Compare runs"
        description="A baseline against one or more candidates on the same dataset: per-scorer deltas with 95% bootstrap intervals, then item by item — what regressed, what improved, and how the outputs differ."
      />
      <RunPickers datasetId={datasetId} baseline={baseline} candidates={candidates} onChange={update} />
      <div className="mt-6">
        {!comparing ? (
          <EmptyState title={datasetId ? (baseline ? "Pick a candidate run" : "Pick a baseline run") : "Pick a dataset"}>
            {datasetId
              ? "The baseline is the run you trust (e.g. production); candidates are the changes you are evaluating. Results are matched item by item."
              : "Comparisons are between runs of one dataset. Choose the dataset, then the baseline and candidate runs."}
          </EmptyState>
        ) : comparison.isPending ? (
          <div aria-busy="true" aria-label="Loading comparison" className="flex flex-col gap-3">
            <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
              <Skeleton className="h-40 w-full" />
              <Skeleton className="h-40 w-full" />
              <Skeleton className="h-40 w-full" />
            </div>
            <Skeleton className="h-64 w-full" />
          </div>
        ) : comparison.isError ? (
          <ErrorState title="Could not compare these runs" message={comparison.error.message} onRetry={() => void comparison.refetch()} />
        ) : (
          <ComparisonView key={`${baseline}:${candidates.join(",")}`} data={comparison.data} view={view} onChange={setView} />
        )}
      </div>
    </>
  );
}
