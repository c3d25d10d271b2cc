"use client";

import { useState } from "react";
import { useNow } from "@/components/hooks";
import { PageHeader } from "@/components/page-header";
import { ActivityIcon } from "@/components/ui/icons";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { Segmented } from "@/components/ui/tabs";
import { api } from "@/lib/trpc/react";
import Link from "next/link";
import { isTerminal, RUN_STATUSES, type RunStatus } from "../status";
import { RUN_STATUS_LABELS } from "./run-status-badge";
import { RunsTable } from "./runs-table";

const PAGE_SIZE = 25;
type StatusFilter = RunStatus | "all";

export function RunsPage() {
  const [status, setStatus] = useState<StatusFilter>("all");
  const [page, setPage] = useState(1);
  const runs = api.runs.list.useQuery(
    { status: status === "all" ? undefined : status, page, pageSize: PAGE_SIZE },
    {
      placeholderData: (previous) => previous,
      // Poll only while something on screen can still change.
      refetchInterval: (query) => (query.state.data?.runs.some((run) => !isTerminal(run.status)) ? 2000 : false),
    },
  );
  const anyActive = runs.data?.runs.some((run) => !isTerminal(run.status)) ?? false;
  const now = useNow(anyActive);

  return (
    <>
      <PageHeader title="Runs" description="Every run from the dashboard, the typed client or CI. Active runs update live." />
      <div className="mb-3 flex items-center justify-between">
        <Segmented
          label="Filter by status"
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          items={[{ value: "all" as const, label: "All" }, ...RUN_STATUSES.map((s) => ({ value: s, label: RUN_STATUS_LABELS[s] }))]}
        />
        {anyActive && <span className="text-xs text-zinc-500">Live · refreshing every 2 s</span>}
      </div>
      {runs.isPending ? (
        <TableSkeleton columns={7} />
      ) : runs.isError ? (
        <ErrorState title="Could not load runs" message={runs.error.message} onRetry={() => void runs.refetch()} />
      ) : runs.data.total === 0 ? (
        <EmptyState icon={<ActivityIcon width={20} height={20} />} title={status === "all" ? "No runs yet" : `No ${RUN_STATUS_LABELS[status].toLowerCase()} runs`}>
          {status === "all" ? (
            <>
              A run sends every item of a dataset to a target and scores the answers. Open a{" "}
              <Link href="/" className="font-medium text-blue-600 hover:underline">
                dataset
              </Link>{" "}
              and press Run.
            </>
          ) : (
            "Try another status filter."
          )}
        </EmptyState>
      ) : (
        <RunsTable runs={runs.data.runs} now={now} footer={<Pagination page={runs.data.page} pageSize={runs.data.pageSize} total={runs.data.total} onPageChange={setPage} noun="runs" />} />
      )}
    </>
  );
}
