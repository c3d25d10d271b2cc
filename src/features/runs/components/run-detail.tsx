"use client";

import Link from "next/link";
import { LoadError } from "@/components/load-error";
import { useState } from "react";
import { formatDateTime, formatDuration, formatRelative } from "@/components/format";
import { useNow } from "@/components/hooks";
import { Breadcrumb, PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Dialog } from "@/components/ui/dialog";
import { CompareIcon, RetryIcon, StopIcon } from "@/components/ui/icons";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Skeleton } from "@/components/ui/skeleton";
import { Callout } from "@/components/ui/states";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { toast } from "@/components/ui/toast";
import { useLivePolling } from "@/components/use-live-polling";
import { TARGET_KINDS } from "@/features/targets";
import { api } from "@/lib/trpc/react";
import { runDurationMs } from "../metrics";
import type { RunDto } from "../schemas";
import { isCancellable, isTerminal, RETRYABLE_STATUSES, isLiveRun } from "../status";
import { RunCharts } from "./charts";
import { CompareWithDialog } from "./compare-with-dialog";
import { ExportMenu } from "./export-menu";
import { ResultsTable } from "./results-table";
import { RunConfig } from "./run-config";
import { RunStatusBadge } from "./run-status-badge";
import { RunSummaryCards } from "./run-summary";
import { runLabel } from "./runs-table";

function Progress({ run }: { run: RunDto }) {
  const live = isLiveRun(run);
  const now = useNow(live);
  const end = run.completedAt?.getTime() ?? (live ? now : null);
  // Earlier rounds plus this one (../metrics.ts): a retry's wait is not counted.
  const elapsed = end !== null ? runDurationMs(run, new Date(end)) : null;
  const pct = run.total > 0 ? Math.round((run.doneCount / run.total) * 100) : 0;
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-4 py-3.5 shadow-xs" data-testid="run-progress" data-settled={run.settled ? "true" : "false"}>
      <div className="mb-2.5 flex flex-wrap items-baseline gap-x-5 gap-y-1">
        <span className="text-xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid="progress-count">
          {run.doneCount.toLocaleString()} / {run.total.toLocaleString()}
        </span>
        <span className="text-xs text-zinc-500 tabular-nums">{pct}% done</span>
        <span
          className={run.failedCount > 0 ? "text-xs font-medium text-red-600 tabular-nums" : "text-xs text-zinc-500 tabular-nums"}
          data-testid="progress-failed"
        >
          {run.failedCount.toLocaleString()} failed
        </span>
        <span className="ml-auto text-xs text-zinc-500">
          {/* While it runs: a finished run's time is "Took" in the header. */}
          {run.status === "pending" ? (
            "Waiting to start…"
          ) : live ? (
            <>
              Elapsed{" "}
              <span className="font-medium text-zinc-800 tabular-nums" data-testid="elapsed">
                {formatDuration(elapsed)}
              </span>
            </>
          ) : null}
        </span>
      </div>
      <ProgressBar
        succeeded={run.doneCount - run.failedCount}
        failed={run.failedCount}
        total={run.total}
        animated={run.status === "running"}
        label="Run progress"
      />
    </div>
  );
}

/** Items "retry failed" would run again: those whose result errored, and those that never ran (cancelled, crashed). */
function retryableCounts(run: RunDto): { failed: number; missing: number; total: number } | null {
  if (!RETRYABLE_STATUSES.includes(run.status)) return null;
  const missing = Math.max(0, run.total - run.doneCount);
  const total = run.failedCount + missing;
  return total > 0 ? { failed: run.failedCount, missing, total } : null;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function RunDetail({ runId }: { runId: string }) {
  const utils = api.useUtils();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [confirmRetry, setConfirmRetry] = useState(false);
  const [compareOpen, setCompareOpen] = useState(false);
  const run = api.runs.get.useQuery(
    { id: runId },
    {
      // Poll while the run can still move; stop for good once it is settled (terminal, and after a cancel
      // also the results the target had answered and the final summary stored).
      refetchInterval: useLivePolling((data: { settled: boolean } | undefined) => !data?.settled, { stopOnError: true }),
    },
  );
  const cancel = api.runs.cancel.useMutation({
    onSuccess: async () => {
      toast.success("Run cancelled. Finished results are kept.");
      setConfirmCancel(false);
      await Promise.all([utils.runs.get.invalidate({ id: runId }), utils.runs.list.invalidate()]);
    },
  });

  const retry = api.runs.retryFailed.useMutation({
    onSuccess: async (result) => {
      toast.success(`Retrying ${plural(result.retrying, "item", "items")}.`);
      setConfirmRetry(false);
      // Back to pending: runs.get polls again (its live polling reads the new state).
      await Promise.all([
        utils.runs.get.invalidate({ id: runId }),
        utils.runs.results.invalidate({ runId }),
        utils.runs.distributions.invalidate({ runId }),
        utils.runs.list.invalidate(),
      ]);
    },
  });

  if (run.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading run">
        <Skeleton className="mb-3 h-3 w-24" />
        <Skeleton className="mb-6 h-6 w-80" />
        <Skeleton className="mb-3 h-20 w-full" />
        <div className="grid grid-cols-4 gap-3">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
      </div>
    );
  }
  if (run.isError) {
    return (
      <LoadError
        thing="run"
        error={run.error}
        onRetry={() => void run.refetch()}
        back={{ href: "/runs", label: "Back to runs" }}
        notFoundMessage="It may have been deleted with its dataset, or the link is wrong."
      />
    );
  }

  const r = run.data;
  const retryable = retryableCounts(r);
  return (
    <>
      <PageHeader
        breadcrumb={<Breadcrumb href="/runs">Runs</Breadcrumb>}
        title={
          // On a phone the whole name wraps (the badges go under it); from sm up it is cut with its full text on hover.
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1 sm:flex-nowrap">
            <span className="min-w-0 [overflow-wrap:anywhere] sm:truncate" title={runLabel(r)}>
              {runLabel(r)}
            </span>
            <RunStatusBadge status={r.status} />
            {r.round > 1 && (
              <Badge
                tone="violet"
                title={`Executed ${r.round} times: the first run, then ${plural(r.round - 1, "retry", "retries")} of failed items`}
                data-testid="run-round"
              >
                round {r.round}
              </Badge>
            )}
          </span>
        }
        meta={
          <>
            <span>
              Dataset{" "}
              <Link href={`/datasets/${r.datasetId}`} className="font-medium text-zinc-800 hover:underline">
                {r.datasetName}
              </Link>{" "}
              v{r.datasetVersion}
            </span>
            <span>
              Target{" "}
              {r.targetName ? (
                <>
                  <span className="font-medium text-zinc-800">{r.targetName}</span> <span className="text-zinc-500">({TARGET_KINDS[r.target.kind].label})</span>
                </>
              ) : (
                TARGET_KINDS[r.target.kind].label
              )}
            </span>
            <span title={formatDateTime(r.createdAt)}>Created {formatRelative(r.createdAt)}</span>
            {isTerminal(r.status) && r.summary?.durationMs != null && <span>Took {formatDuration(r.summary.durationMs)}</span>}
          </>
        }
        actions={
          <>
            {retryable && (
              <Button variant="secondary" onClick={() => setConfirmRetry(true)} data-testid="retry-failed">
                <RetryIcon /> Retry failed items
                <span className="rounded bg-zinc-100 px-1.5 text-[11px] text-zinc-600 tabular-nums">{retryable.total.toLocaleString()}</span>
              </Button>
            )}
            {isCancellable(r.status) && (
              <Button variant="secondary" onClick={() => setConfirmCancel(true)} className="text-red-700">
                <StopIcon width={12} height={12} /> Cancel run
              </Button>
            )}
            <Button variant="secondary" onClick={() => setCompareOpen(true)} data-testid="compare-with">
              <CompareIcon /> Compare with…
            </Button>
            <ExportMenu runId={r.id} />
          </>
        }
      />

      <div className="flex flex-col gap-6">
        {r.error && (
          <Callout title={r.status === "failed" ? "The run failed" : "Run error"} data-testid="run-error">
            {r.error}
          </Callout>
        )}

        <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_340px]">
          <div className="flex min-w-0 flex-col gap-4">
            <Progress run={r} />
            <RunSummaryCards run={r} />
          </div>
          <RunConfig run={r} />
        </div>

        <RunCharts run={r} />

        <ResultsTable run={r} />
      </div>

      <Dialog
        open={confirmRetry && retryable !== null}
        onOpenChange={setConfirmRetry}
        title={`Retry ${plural(retryable?.total ?? 0, "item", "items")}?`}
        size="sm"
        data-testid="retry-dialog"
        primary={{ label: <>Retry {plural(retryable?.total ?? 0, "item", "items")}</>, pending: retry.isPending, onConfirm: () => retry.mutate({ id: r.id }) }}
      >
        {retryable && (
          <div className="flex flex-col gap-2 text-[13px] leading-relaxed text-zinc-600">
            <p>
              {retryable.failed > 0 && <>{plural(retryable.failed, "failed item", "failed items")}</>}
              {retryable.failed > 0 && retryable.missing > 0 && " and "}
              {retryable.missing > 0 && <>{plural(retryable.missing, "item that never ran", "items that never ran")}</>} will run again in this run, as round{" "}
              {r.round + 1}, with the same target, scorers and settings.
            </p>
            <p>
              The {plural(r.doneCount - r.failedCount, "successful result is", "successful results are")} kept; failed results are replaced by the new ones.
            </p>
          </div>
        )}
      </Dialog>

      <CompareWithDialog run={r} open={compareOpen} onOpenChange={setCompareOpen} />

      <ConfirmDialog
        open={confirmCancel}
        onOpenChange={setConfirmCancel}
        title="Cancel this run?"
        confirmLabel="Cancel run"
        pending={cancel.isPending}
        onConfirm={() => cancel.mutate({ id: r.id })}
      >
        No new items start and calls in flight are stopped. The {r.doneCount.toLocaleString()} results already finished are kept.
      </ConfirmDialog>
    </>
  );
}
