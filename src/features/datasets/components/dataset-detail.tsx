"use client";

import Link from "next/link";
import { useState } from "react";
import { formatRelative } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { PlayIcon, PlusIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import { Tabs } from "@/components/ui/tabs";
import { RunDialog } from "@/features/runs/components/run-dialog";
import { DatasetRuns } from "@/features/runs/components/dataset-runs";
import { isNotFound } from "@/lib/trpc/errors";
import { api } from "@/lib/trpc/react";
import { ItemFormDialog } from "./item-form-dialog";
import { ItemsTable } from "./items-table";

type Tab = "items" | "runs";

export function DatasetDetail({ datasetId }: { datasetId: string }) {
  const dataset = api.datasets.get.useQuery({ id: datasetId });
  const [tab, setTab] = useState<Tab>("items");
  const [adding, setAdding] = useState(false);
  const [running, setRunning] = useState(false);

  if (dataset.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading dataset">
        <Skeleton className="mb-3 h-3 w-24" />
        <Skeleton className="mb-3 h-6 w-72" />
        <Skeleton className="mb-8 h-3 w-96" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (dataset.isError) {
    return isNotFound(dataset.error) ? (
      <ErrorState
        title="Dataset not found"
        message="It may have been deleted, or the link is wrong."
        action={
          <Link href="/" className="font-medium text-blue-600 hover:underline">
            Back to datasets
          </Link>
        }
      />
    ) : (
      <ErrorState title="Could not load the dataset" message={dataset.error.message} onRetry={() => void dataset.refetch()} />
    );
  }

  const d = dataset.data;
  return (
    <>
      <PageHeader
        breadcrumb={
          <>
            <Link href="/" className="hover:text-zinc-900">
              Datasets
            </Link>
            <span aria-hidden="true">/</span>
          </>
        }
        title={<span data-testid="dataset-name">{d.name}</span>}
        description={d.description || undefined}
        meta={
          <>
            <span data-testid="dataset-item-count">
              <strong className="font-medium text-zinc-800 tabular-nums">{d.itemCount.toLocaleString()}</strong> {d.itemCount === 1 ? "item" : "items"}
            </span>
            <span>
              version <strong className="font-medium text-zinc-800 tabular-nums">v{d.version}</strong>
            </span>
            <span>
              <strong className="font-medium text-zinc-800 tabular-nums">{d.runCount.toLocaleString()}</strong> {d.runCount === 1 ? "run" : "runs"}
              {d.lastRunAt && <> · last {formatRelative(d.lastRunAt)}</>}
            </span>
          </>
        }
        actions={
          <>
            <Button onClick={() => setAdding(true)}>
              <PlusIcon /> Add item
            </Button>
            <Button variant="primary" onClick={() => setRunning(true)} disabled={d.itemCount === 0} title={d.itemCount === 0 ? "Add items before running the dataset" : undefined}>
              <PlayIcon width={12} height={12} /> Run
            </Button>
          </>
        }
      />

      <div className="mb-4">
        <Tabs
          label="Dataset sections"
          value={tab}
          onChange={setTab}
          items={[
            { value: "items", label: "Items", count: d.itemCount },
            { value: "runs", label: "Runs", count: d.runCount },
          ]}
        />
      </div>

      <div role="tabpanel" aria-label={tab === "items" ? "Items" : "Runs"}>
        {tab === "items" ? <ItemsTable datasetId={d.id} onAdd={() => setAdding(true)} /> : <DatasetRuns datasetId={d.id} onRun={d.itemCount > 0 ? () => setRunning(true) : undefined} />}
      </div>

      <ItemFormDialog datasetId={d.id} item={null} open={adding} onOpenChange={setAdding} />
      <RunDialog datasetId={d.id} datasetName={d.name} open={running} onOpenChange={setRunning} />
    </>
  );
}
