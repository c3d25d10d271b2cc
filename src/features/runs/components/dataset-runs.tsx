"use client";

import { useNow } from "@/components/hooks";
import { Button } from "@/components/ui/button";
import { PlayIcon } from "@/components/ui/icons";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { defineUrlState, urlField, useUrlState } from "@/components/use-url-state";
import { useLivePolling } from "@/components/use-live-polling";
import { api } from "@/lib/trpc/react";
import { RunsTable } from "./runs-table";
import { isLiveRun } from "../status";

const PAGE_SIZE = 10;

/** In the URL beside the items table's own page (?tab=runs&runsPage=2). */
const datasetRunsView = defineUrlState({ runsPage: urlField.page() });

/** A dataset's recent runs, live while any of them is active. */
export function DatasetRuns({ datasetId, onRun }: { datasetId: string; onRun?: () => void }) {
  const [{ runsPage: page }, setView] = useUrlState(datasetRunsView);
  const runs = api.runs.list.useQuery(
    { datasetId, page, pageSize: PAGE_SIZE },
    {
      placeholderData: (previous) => previous,
      refetchInterval: useLivePolling((data: { runs: { settled: boolean }[] } | undefined) => data?.runs.some((run) => !run.settled) ?? false),
    },
  );
  const now = useNow(runs.data?.runs.some(isLiveRun) ?? false);

  if (runs.isPending) return <TableSkeleton columns={6} rows={3} />;
  if (runs.isError) return <ErrorState title="Could not load runs" message={runs.error.message} onRetry={() => void runs.refetch()} />;
  if (runs.data.total === 0) {
    return (
      <EmptyState
        title="No runs on this dataset yet"
        actions={
          onRun && (
            <Button variant="primary" onClick={onRun}>
              <PlayIcon width={12} height={12} /> Run dataset
            </Button>
          )
        }
      >
        Run the dataset against a target to score every item. Runs are pinned to the dataset version they ran on.
      </EmptyState>
    );
  }
  return (
    <RunsTable
      runs={runs.data.runs}
      showDataset={false}
      now={now}
      footer={
        runs.data.total > PAGE_SIZE ? (
          <Pagination
            page={runs.data.page}
            pageSize={runs.data.pageSize}
            total={runs.data.total}
            onPageChange={(next) => setView({ runsPage: next })}
            noun="runs"
          />
        ) : undefined
      }
    />
  );
}
