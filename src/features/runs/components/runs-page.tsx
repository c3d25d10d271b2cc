"use client";

import { useEffect } from "react";
import { PageHeader } from "@/components/page-header";
import { Select } from "@/components/ui/field";
import { ActivityIcon } from "@/components/ui/icons";
import { TableSkeleton } from "@/components/ui/skeleton";
import { EmptyState, QueryView } from "@/components/ui/states";
import { Segmented } from "@/components/ui/tabs";
import { defineUrlState, urlField, useUrlState } from "@/components/use-url-state";
import { api } from "@/lib/trpc/react";
import Link from "next/link";
import { runListSortSchema, type RunListSort } from "../schemas";
import { RUN_STATUSES } from "../status";
import { RUN_STATUS_LABELS } from "./run-status-badge";
import { RunsTable } from "./runs-table";
import { useLiveRuns } from "./use-live-runs";

const PAGE_SIZE = 25;

const SORT_LABELS: Record<RunListSort, string> = { newest: "Newest first", oldest: "Oldest first" };

/** What the runs list keeps in the URL (?status=failed&dataset=…&sort=oldest&page=2). */
const runsView = defineUrlState({
  status: urlField.oneOf(["all", ...RUN_STATUSES], "all"),
  dataset: urlField.id(),
  sort: urlField.oneOf(runListSortSchema.options, "newest"),
  page: urlField.page(),
});

export function RunsPage() {
  const [view, setView] = useUrlState(runsView);
  const { status, dataset, sort, page } = view;
  const datasets = api.datasets.list.useQuery({});
  const { runs, live, now } = useLiveRuns({
    status: status === "all" ? undefined : status,
    datasetId: dataset || undefined,
    sort,
    page,
    pageSize: PAGE_SIZE,
  });
  const filtered = status !== "all" || dataset !== "";
  const datasetName = datasets.data?.find((d) => d.id === dataset)?.name;

  // A page past the end (a link to page 9 of what is now 3 pages, or runs deleted): the last page, in place of this entry.
  const data = runs.data;
  const lastPage = data && !runs.isPlaceholderData && data.runs.length === 0 && data.total > 0 && page > 1 ? Math.ceil(data.total / PAGE_SIZE) : null;
  useEffect(() => {
    if (lastPage !== null) setView({ page: lastPage }, { history: "replace" });
  }, [lastPage, setView]);

  return (
    <>
      <PageHeader title="Runs" description="Every run from the dashboard, the typed client or CI. Active runs update live." />
      <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-2" data-testid="runs-toolbar">
        <Segmented
          label="Filter by status"
          value={status}
          onChange={(value) => setView({ status: value, page: 1 })}
          items={[{ value: "all" as const, label: "All" }, ...RUN_STATUSES.map((s) => ({ value: s, label: RUN_STATUS_LABELS[s] }))]}
        />
        <span className="w-56 max-w-full">
          <Select
            aria-label="Filter by dataset"
            className="h-8 text-xs"
            value={dataset}
            onChange={(e) => setView({ dataset: e.target.value, page: 1 })}
            data-testid="runs-dataset-filter"
          >
            <option value="">All datasets</option>
            {datasets.data?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
            {dataset && datasets.data && !datasetName && <option value={dataset}>Unknown dataset</option>}
          </Select>
        </span>
        <span className="w-36">
          <Select
            aria-label="Sort runs"
            className="h-8 text-xs"
            value={sort}
            onChange={(e) => setView({ sort: e.target.value as RunListSort, page: 1 })}
            data-testid="runs-sort"
          >
            {runListSortSchema.options.map((value) => (
              <option key={value} value={value}>
                {SORT_LABELS[value]}
              </option>
            ))}
          </Select>
        </span>
        {live && <span className="text-xs text-zinc-500 sm:ml-auto">Live · refreshing every 2 s</span>}
      </div>
      <QueryView query={runs} loading={<TableSkeleton columns={7} />} errorTitle="Could not load runs">
        {(list) =>
          list.total === 0 ? (
            <EmptyState
              icon={<ActivityIcon width={20} height={20} />}
              title={
                !filtered
                  ? "No runs yet"
                  : `No ${status === "all" ? "" : `${RUN_STATUS_LABELS[status].toLowerCase()} `}runs${dataset ? ` of ${datasetName ?? "this dataset"}` : ""}`
              }
            >
              {!filtered ? (
                <>
                  A run sends every item of a dataset to a target and scores the answers. Open a{" "}
                  <Link href="/" className="font-medium text-blue-600 hover:underline">
                    dataset
                  </Link>{" "}
                  and press Run.
                </>
              ) : (
                "Try another filter."
              )}
            </EmptyState>
          ) : (
            <RunsTable list={list} now={now} onPageChange={(next) => setView({ page: next })} />
          )
        }
      </QueryView>
    </>
  );
}
