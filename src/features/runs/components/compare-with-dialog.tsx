"use client";

import { useRouter } from "next/navigation";
import { formatDateTime, formatRelative } from "@/components/format";
import { Dialog } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import { TARGET_KINDS } from "@/features/targets";
import { api } from "@/lib/trpc/react";
import type { RunDto } from "../schemas";
import { runLabel } from "./runs-table";

/** The newest completed runs of the dataset are the likely baselines; older ones are a search away on the runs page. */
const CANDIDATES = 50;

/**
 * "Compare with…": pick a baseline among the other completed runs of the same
 * dataset; this run is the candidate.
 */
export function CompareWithDialog({ run, open, onOpenChange }: { run: RunDto; open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const runs = api.runs.list.useQuery({ datasetId: run.datasetId, status: "completed", page: 1, pageSize: CANDIDATES }, { enabled: open });
  const others = runs.data?.runs.filter((r) => r.id !== run.id) ?? [];

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Compare with…"
      description={
        <>
          Pick the baseline. This run ({runLabel(run)}) is the candidate; both ran on <span className="font-medium text-zinc-700">{run.datasetName}</span>.
        </>
      }
      data-testid="compare-with-dialog"
    >
      {runs.isPending ? (
        <div className="flex flex-col gap-2" aria-busy="true">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-12" />
          ))}
        </div>
      ) : runs.isError ? (
        <ErrorState title="Could not load runs" message={runs.error.message} onRetry={() => void runs.refetch()} />
      ) : others.length === 0 ? (
        <p className="py-6 text-center text-[13px] text-zinc-500" data-testid="compare-with-empty">
          No other completed run of this dataset yet. Run it again with another target or prompt, then compare.
        </p>
      ) : (
        <ul className="flex flex-col gap-1.5" aria-label="Completed runs of this dataset">
          {others.map((other) => (
            <li key={other.id}>
              <button
                type="button"
                onClick={() => {
                  onOpenChange(false);
                  router.push(`/compare?baseline=${encodeURIComponent(other.id)}&candidate=${encodeURIComponent(run.id)}`);
                }}
                className="flex w-full items-center gap-3 rounded-lg border border-zinc-200 px-3 py-2.5 text-left hover:border-zinc-300 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-500"
                data-testid="compare-with-option"
              >
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-[13px] font-medium text-zinc-900">{runLabel(other)}</span>
                  <span className="block truncate text-xs text-zinc-500">
                    {other.targetName ??
                      (other.targetKind in TARGET_KINDS ? TARGET_KINDS[other.targetKind as keyof typeof TARGET_KINDS].label : other.targetKind)}{" "}
                    · v{other.datasetVersion} · {other.doneCount.toLocaleString()} results
                    {other.failedCount > 0 && <span className="text-red-600"> · {other.failedCount.toLocaleString()} errored</span>}
                  </span>
                </span>
                <span className="shrink-0 text-xs text-zinc-500" title={formatDateTime(other.createdAt)}>
                  {formatRelative(other.createdAt)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
