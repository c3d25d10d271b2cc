"use client";

import Link from "next/link";
import { LoadError } from "@/components/load-error";
import { useState } from "react";
import { formatRelative } from "@/components/format";
import { Breadcrumb, PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { PlayIcon, PlusIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs } from "@/components/ui/tabs";
import { defineUrlState, urlField, useUrlState } from "@/components/use-url-state";
import { RunDialog, DatasetRuns } from "@/features/runs/components";
import { api } from "@/lib/trpc/react";
import { ExportMenu } from "./export-menu";
import { ImportDialog } from "./import-dialog";
import { ItemFormDialog } from "./item-form-dialog";
import { ItemsTable } from "./items-table";
import { SchemaDialog } from "./schema-dialog";
import { VersionsPanel } from "./versions-panel";

const TABS = ["items", "versions", "runs"] as const;
type Tab = (typeof TABS)[number];

const TAB_LABELS: Record<Tab, string> = { items: "Items", versions: "Versions", runs: "Runs" };

/** The open tab and the version picked in the Versions tab, in the URL (?tab=versions&version=3); 0 is "the latest". */
const datasetView = defineUrlState({ tab: urlField.oneOf(TABS, "items"), version: urlField.wholeNumber(1, 0) });

export function DatasetDetail({ datasetId }: { datasetId: string }) {
  const dataset = api.datasets.get.useQuery({ id: datasetId });
  const [{ tab, version: versionParam }, setView] = useUrlState(datasetView);
  const [adding, setAdding] = useState(false);
  const [running, setRunning] = useState(false);
  const [importing, setImporting] = useState(false);
  const [editingSchema, setEditingSchema] = useState(false);

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
    return <LoadError thing="dataset" error={dataset.error} onRetry={() => void dataset.refetch()} back={{ href: "/", label: "Back to datasets" }} />;
  }

  const d = dataset.data;
  // A version the dataset does not have (a hand-edited link) reads as the latest.
  const version = versionParam >= 1 && versionParam <= d.version ? versionParam : null;
  return (
    <>
      <PageHeader
        breadcrumb={<Breadcrumb href="/">Datasets</Breadcrumb>}
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
            <button type="button" onClick={() => setEditingSchema(true)} className="hover:text-zinc-900" data-testid="schema-summary">
              {d.inputSchema || d.expectedSchema ? (
                <>
                  schema on{" "}
                  <strong className="font-medium text-zinc-800">
                    {[d.inputSchema && "input", d.expectedSchema && "expected output"].filter(Boolean).join(" + ")}
                  </strong>
                </>
              ) : (
                <span className="underline decoration-zinc-300 decoration-dotted underline-offset-2">no item schema</span>
              )}
            </button>
          </>
        }
        actions={
          <>
            <Button onClick={() => setImporting(true)}>Import</Button>
            <ExportMenu datasetId={d.id} currentVersion={d.version} />
            <Button onClick={() => setEditingSchema(true)}>Schema</Button>
            <Button onClick={() => setAdding(true)}>
              <PlusIcon /> Add item
            </Button>
            <Button
              variant="primary"
              onClick={() => setRunning(true)}
              disabled={d.itemCount === 0}
              title={d.itemCount === 0 ? "Add items before running the dataset" : undefined}
            >
              <PlayIcon width={12} height={12} /> Run
            </Button>
          </>
        }
      />

      <div className="mb-4">
        <Tabs
          label="Dataset sections"
          value={tab}
          onChange={(next) => setView({ tab: next })}
          items={[
            { value: "items", label: TAB_LABELS.items, count: d.itemCount },
            { value: "versions", label: TAB_LABELS.versions, count: d.version },
            { value: "runs", label: TAB_LABELS.runs, count: d.runCount },
          ]}
        />
      </div>

      <div role="tabpanel" aria-label={TAB_LABELS[tab]}>
        {tab === "items" ? (
          <ItemsTable datasetId={d.id} onAdd={() => setAdding(true)} onImport={() => setImporting(true)} />
        ) : tab === "versions" ? (
          <VersionsPanel datasetId={d.id} currentVersion={d.version} selected={version} onSelect={(next) => setView({ version: next })} />
        ) : (
          <div className="flex flex-col gap-3">
            {/* Always shown: the run count in the header may lag behind runs started elsewhere (CLI, API). */}
            <div className="flex items-center justify-between gap-3">
              <p className="text-xs text-zinc-500">Runs are pinned to the dataset version they ran on.</p>
              <Link
                href={`/compare?dataset=${encodeURIComponent(d.id)}`}
                className="inline-flex h-8 items-center gap-2 rounded-md border border-zinc-200 bg-white px-3 text-[13px] font-medium text-zinc-800 shadow-xs hover:border-zinc-300 hover:bg-zinc-50"
                data-testid="compare-runs-link"
              >
                Compare runs
              </Link>
            </div>
            <DatasetRuns datasetId={d.id} onRun={d.itemCount > 0 ? () => setRunning(true) : undefined} />
          </div>
        )}
      </div>

      <ItemFormDialog datasetId={d.id} item={null} open={adding} onOpenChange={setAdding} />
      <ImportDialog datasetId={d.id} open={importing} onOpenChange={setImporting} />
      <SchemaDialog dataset={d} open={editingSchema} onOpenChange={setEditingSchema} />
      <RunDialog datasetId={d.id} datasetName={d.name} open={running} onOpenChange={setRunning} />
    </>
  );
}
