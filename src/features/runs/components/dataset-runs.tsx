"use client";

import { Button } from "@/components/ui/button";
import { PlayIcon } from "@/components/ui/icons";
import { TableSkeleton } from "@/components/ui/skeleton";
import { EmptyState, QueryView } from "@/components/ui/states";
import { defineUrlState, urlField, useUrlState } from "@/components/use-url-state";
import { RunsTable } from "./runs-table";
import { useLiveRuns } from "./use-live-runs";

const PAGE_SIZE = 10;

/** In the URL beside the items table's own page (?tab=runs&runsPage=2). */
const datasetRunsView = defineUrlState({ runsPage: urlField.page() });

/** A dataset's recent runs, live while any of them is active. */
export function DatasetRuns({ datasetId, onRun }: { datasetId: string; onRun?: () => void }) {
  const [{ runsPage: page }, setView] = useUrlState(datasetRunsView);
  const { runs, now } = useLiveRuns({ datasetId, page, pageSize: PAGE_SIZE });

  return (
    <QueryView query={runs} loading={<TableSkeleton columns={6} rows={3} />} errorTitle="Could not load runs">
      {(list) =>
        list.total === 0 ? (
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
        ) : (
          <RunsTable
            list={list}
            showDataset={false}
            now={now}
            // One page of runs needs no pager.
            onPageChange={list.total > PAGE_SIZE ? (next) => setView({ runsPage: next }) : undefined}
          />
        )
      }
    </QueryView>
  );
}
