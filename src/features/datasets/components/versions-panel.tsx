"use client";

import { formatDateTime, formatRelative } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { TableSkeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { api } from "@/lib/trpc/react";
import { exportUrl } from "./export-menu";
import { ItemsTable } from "./items-table";

function Change({ n, label, tone }: { n: number; label: string; tone: string }) {
  if (n === 0) return null;
  return (
    <span className={cn("tabular-nums", tone)}>
      {tone.includes("emerald") ? "+" : tone.includes("red") ? "−" : "~"}
      {n.toLocaleString()} {label}
    </span>
  );
}

/**
 * The dataset's versions, newest first, with what each one changed; picking
 * one shows the items as they were then (read-only), ready to export.
 */
export function VersionsPanel({
  datasetId,
  currentVersion,
  selected,
  onSelect,
}: {
  datasetId: string;
  currentVersion: number;
  selected: number | null;
  onSelect: (version: number) => void;
}) {
  const versions = api.datasets.versions.useQuery({ id: datasetId });
  if (versions.isPending) return <TableSkeleton columns={4} rows={4} />;
  if (versions.isError) return <ErrorState title="Could not load versions" message={versions.error.message} onRetry={() => void versions.refetch()} />;
  if (versions.data.length === 0)
    return (
      <EmptyState title="No versions yet">Every change to the items — add, edit, delete, import — makes a new version. Runs are pinned to one.</EmptyState>
    );
  const shown = selected ?? versions.data[0]?.version ?? currentVersion;
  return (
    <div className="grid items-start gap-5 lg:grid-cols-[320px_minmax(0,1fr)]">
      <ol className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs" aria-label="Dataset versions" data-testid="versions-list">
        {versions.data.map((v) => {
          const active = v.version === shown;
          return (
            <li key={v.version} className="border-b border-zinc-100 last:border-0">
              <button
                type="button"
                aria-current={active ? "true" : undefined}
                onClick={() => onSelect(v.version)}
                data-testid="version-row"
                className={cn("flex w-full flex-col gap-1 px-3.5 py-2.5 text-left transition-colors", active ? "bg-blue-50/70" : "hover:bg-zinc-50")}
              >
                <span className="flex items-center gap-2">
                  <span className="font-mono text-[13px] font-semibold text-zinc-900">v{v.version}</span>
                  {v.version === currentVersion && <Badge tone="green">current</Badge>}
                  <span className="ml-auto text-[11px] text-zinc-500" title={formatDateTime(v.createdAt)}>
                    {formatRelative(v.createdAt)}
                  </span>
                </span>
                <span className="flex flex-wrap gap-x-2.5 text-xs">
                  <Change n={v.added} label="added" tone="text-emerald-700" />
                  <Change n={v.edited} label="edited" tone="text-amber-700" />
                  <Change n={v.deleted} label="deleted" tone="text-red-700" />
                  {v.added + v.edited + v.deleted === 0 && <span className="text-zinc-500">no item changes</span>}
                </span>
                {v.note && (
                  <span className="truncate text-xs text-zinc-500" title={v.note}>
                    {v.note}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
      <section aria-label={`Items at version v${shown}`} className="min-w-0">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h3 className="text-[13px] font-semibold text-zinc-900" data-testid="version-heading">
            Items at v{shown}
            {shown !== currentVersion && <span className="ml-2 text-xs font-normal text-zinc-500">read-only snapshot</span>}
          </h3>
          <span className="flex items-center gap-3 text-xs text-zinc-500">
            Download v{shown}:
            {(["csv", "jsonl", "json"] as const).map((format) => (
              <a key={format} href={exportUrl(datasetId, format, shown)} download className="font-medium text-blue-600 hover:underline">
                {format.toUpperCase()}
              </a>
            ))}
          </span>
        </div>
        <ItemsTable key={shown} datasetId={datasetId} version={shown} />
      </section>
    </div>
  );
}
