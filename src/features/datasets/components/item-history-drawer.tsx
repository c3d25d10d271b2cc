"use client";

import { formatDateTime } from "@/components/format";
import { LabelledJson } from "@/components/json-view";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Drawer } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/states";
import { api } from "@/lib/trpc/react";

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Every version of one item, newest first: what it held, and which dataset versions it was live in. */
export function ItemHistoryDrawer({ itemId, ordinal, onClose }: { itemId: string | null; ordinal?: number; onClose: () => void }) {
  const history = api.items.history.useQuery({ itemId: itemId ?? "" }, { enabled: itemId !== null });
  const versions = [...(history.data ?? [])].reverse();
  const last = history.data?.[history.data.length - 1];
  const deletedAt = last && last.validTo !== null ? last.validTo : null;
  return (
    <Drawer
      open={itemId !== null}
      onOpenChange={(open) => !open && onClose()}
      title={`Item history${ordinal !== undefined ? ` · #${ordinal}` : ""}`}
      description="Each saved version of this item and the dataset versions it was part of. Runs show the version they ran on."
      data-testid="item-history"
    >
      {history.isPending ? (
        <div className="flex flex-col gap-3" aria-busy="true">
          <Skeleton className="h-32 w-full" />
          <Skeleton className="h-32 w-full" />
        </div>
      ) : history.isError ? (
        <ErrorState title="Could not load the history" message={history.error.message} onRetry={() => void history.refetch()} />
      ) : (
        <ol className="flex flex-col gap-4">
          {deletedAt !== null && (
            <li
              className="flex items-center gap-2 rounded-lg border border-red-200 bg-red-50/60 px-4 py-2.5 text-[13px] text-red-800"
              data-testid="history-deleted"
            >
              <Badge tone="red">Deleted</Badge> in dataset version v{deletedAt}; runs on earlier versions still show it.
            </li>
          )}
          {versions.map((entry, index) => {
            const previous = versions[index + 1];
            const changed = previous
              ? [
                  !same(entry.input, previous.input) && "input",
                  !same(entry.expectedOutput, previous.expectedOutput) && "expected output",
                  !same(entry.metadata, previous.metadata) && "metadata",
                ].filter(Boolean)
              : [];
            const live =
              entry.validTo === null
                ? `v${entry.version} → current`
                : entry.validTo - 1 === entry.version
                  ? `v${entry.version}`
                  : `v${entry.version} – v${entry.validTo - 1}`;
            return (
              <li
                key={entry.versionId}
                className={cn("rounded-lg border bg-white", entry.validTo === null ? "border-zinc-300 shadow-xs" : "border-zinc-200")}
                data-testid="history-version"
              >
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-100 px-4 py-2.5 text-[13px]">
                  <span className="font-semibold text-zinc-900">
                    {previous ? "Edited" : "Added"} in v{entry.version}
                  </span>
                  {entry.validTo === null ? <Badge tone="green">current</Badge> : <Badge>superseded</Badge>}
                  <span className="text-xs text-zinc-500">
                    live in dataset versions <strong className="font-medium text-zinc-700">{live}</strong>
                  </span>
                  {changed.length > 0 && <span className="text-xs text-zinc-500">changed: {changed.join(", ")}</span>}
                  <span className="ml-auto text-xs text-zinc-500">{formatDateTime(entry.createdAt)}</span>
                </div>
                <div className="grid gap-3 p-4 md:grid-cols-3">
                  <LabelledJson label="Input" value={entry.input} maxHeight="max-h-56" />
                  <LabelledJson label="Expected output" value={entry.expectedOutput} maxHeight="max-h-56" empty="None" />
                  <LabelledJson label="Metadata" value={entry.metadata} maxHeight="max-h-56" empty="None" />
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Drawer>
  );
}
