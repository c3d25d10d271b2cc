"use client";

import { useEffect, useState } from "react";
import { ConfirmDialogFor } from "@/components/confirm-dialog";
import { useDebounced } from "@/components/hooks";
import { defineUrlState, urlField, useUrlState } from "@/components/use-url-state";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { HistoryIcon, PencilIcon, PlusIcon, SearchIcon, TrashIcon } from "@/components/ui/icons";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { EmptyState, QueryView } from "@/components/ui/states";
import { actionsColumn, MonoCell, RowAction, TableCard, TableColumns, Td, Tr } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { previewJson } from "@/lib/json";
import { api } from "@/lib/trpc/react";
import type { ItemDto } from "../schemas";
import { ItemFormDialog } from "./item-form-dialog";
import { ItemHistoryDrawer } from "./item-history-drawer";

const PAGE_SIZE = 25;

/** What the dataset's items table keeps in the URL (?page=3&q=paris). */
const itemsView = defineUrlState({ page: urlField.page(), q: urlField.text(200) });

/**
 * The items of a dataset, paged on the server. At the current version it can
 * add, edit, delete (one by one or several at once as one version); given a
 * past `version` it is read-only. Every row opens the item's history.
 */
export function ItemsTable({ datasetId, onAdd, onImport, version }: { datasetId: string; onAdd?: () => void; onImport?: () => void; version?: number }) {
  const readOnly = version !== undefined;
  const utils = api.useUtils();
  // A past version's table (in the Versions tab) keeps its page and search on the page: the keys are the current items'.
  const [{ page, q: search }, setView] = useUrlState(itemsView, { inUrl: !readOnly });
  const debouncedSearch = useDebounced(search.trim(), 300);
  const [editing, setEditing] = useState<ItemDto | null>(null);
  const [deleting, setDeleting] = useState<ItemDto[] | null>(null);
  const [historyOf, setHistoryOf] = useState<ItemDto | null>(null);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());

  const items = api.items.list.useQuery(
    { datasetId, page, pageSize: PAGE_SIZE, search: debouncedSearch || undefined, version },
    // Keep the current page on screen while the next one (or a search) loads.
    { placeholderData: (previous) => previous },
  );
  const remove = api.items.delete.useMutation({
    onSuccess: async (result) => {
      toast.success(
        result.deleted === 1 ? "Item deleted." : `${result.deleted} items deleted${result.version !== null ? ` as version v${result.version}` : ""}.`,
      );
      setDeleting(null);
      setSelected(new Set());
      await Promise.all([
        utils.items.list.invalidate({ datasetId }),
        utils.datasets.get.invalidate({ id: datasetId }),
        utils.datasets.versions.invalidate({ id: datasetId }),
        utils.datasets.list.invalidate(),
      ]);
    },
  });

  function onSearch(value: string) {
    // The URL follows once typing pauses, in place of the current entry.
    setView({ q: value, page: 1 }, { history: "replace", debounceMs: 300 });
    setSelected(new Set());
  }
  function onPage(next: number) {
    setView({ page: next });
    setSelected(new Set());
  }

  // A page emptied by deletes (or a link past the end): step back to the last page that has rows.
  const data = items.data;
  const lastPage =
    data && !items.isPlaceholderData && data.items.length === 0 && data.total > 0 && page > 1 ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : null;
  useEffect(() => {
    if (lastPage !== null) setView({ page: lastPage }, { history: "replace" });
  }, [lastPage, setView]);

  const rows = data?.items ?? [];
  const selectedRows = rows.filter((item) => selected.has(item.itemId));
  const allSelected = rows.length > 0 && selectedRows.length === rows.length;
  function toggle(itemId: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(itemId)) next.delete(itemId);
      else next.add(itemId);
      return next;
    });
  }
  const open = (item: ItemDto) => (readOnly ? setHistoryOf(item) : setEditing(item));

  return (
    <div className="flex flex-col gap-3">
      <div className="flex min-h-8 items-center justify-between gap-3">
        <div className="relative w-full max-w-xs">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-500" />
          <Input
            type="search"
            aria-label="Search items"
            placeholder="Search input, expected, metadata…"
            className="pl-8"
            value={search}
            onChange={(e) => onSearch(e.target.value)}
          />
        </div>
        <div className="flex items-center gap-3">
          {items.isFetching && !items.isPending && <span className="text-xs text-zinc-500">Updating…</span>}
          {!readOnly && selectedRows.length > 0 && (
            <>
              <span className="text-xs text-zinc-500 tabular-nums">{selectedRows.length} selected</span>
              <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
                Clear
              </Button>
              <Button size="sm" variant="danger" onClick={() => setDeleting(selectedRows)} data-testid="bulk-delete">
                <TrashIcon width={13} height={13} /> Delete {selectedRows.length} {selectedRows.length === 1 ? "item" : "items"}
              </Button>
            </>
          )}
        </div>
      </div>

      <QueryView query={items} loading={<TableSkeleton columns={4} />} errorTitle="Could not load items">
        {(list) =>
          list.total === 0 && !debouncedSearch ? (
            readOnly ? (
              <EmptyState title={`No items at version v${version}`}>The dataset was empty at this version.</EmptyState>
            ) : (
              <EmptyState
                title="This dataset has no items"
                actions={
                  <>
                    {onImport && <Button onClick={onImport}>Import a file</Button>}
                    {onAdd && (
                      <Button variant="primary" onClick={onAdd}>
                        <PlusIcon /> Add item
                      </Button>
                    )}
                  </>
                }
              >
                Each item is an input to send to the target and, optionally, the output you expect back. Add items one by one, or import a CSV, JSON or JSONL
                file.
              </EmptyState>
            )
          ) : list.total === 0 ? (
            <EmptyState title="No matching items">Nothing contains “{debouncedSearch}”. Search looks in input, expected output and metadata.</EmptyState>
          ) : (
            <TableCard minWidth={760} footer={<Pagination page={list.page} pageSize={list.pageSize} total={list.total} onPageChange={onPage} noun="items" />}>
              <TableColumns
                columns={[
                  !readOnly && {
                    width: "w-10",
                    className: "pr-0",
                    header: (
                      <input
                        type="checkbox"
                        aria-label="Select all items on this page"
                        className="size-3.5 accent-zinc-900"
                        checked={allSelected}
                        ref={(el) => {
                          if (el) el.indeterminate = selectedRows.length > 0 && !allSelected;
                        }}
                        onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.itemId)))}
                      />
                    ),
                  },
                  { width: "w-14", header: "#", className: "text-right" },
                  { width: "w-[40%]", header: "Input" },
                  { width: "w-[27%]", header: "Expected output" },
                  { header: "Metadata" },
                  // Room for three 28 px icon buttons; narrower, they squeezed their icons to a few pixels.
                  actionsColumn(readOnly ? "w-14" : "w-32"),
                ]}
              />
              <tbody>
                {rows.map((item) => (
                  <Tr
                    key={item.itemId}
                    interactive
                    tabIndex={0}
                    data-testid="item-row"
                    aria-selected={selected.has(item.itemId) || undefined}
                    className={selected.has(item.itemId) ? "bg-blue-50/50" : undefined}
                    onClick={() => open(item)}
                    onKeyDown={(e) => e.key === "Enter" && e.target === e.currentTarget && open(item)}
                  >
                    {!readOnly && (
                      <Td className="pr-0" onClick={(e) => e.stopPropagation()}>
                        <input
                          type="checkbox"
                          aria-label={`Select item ${item.ordinal}`}
                          className="size-3.5 accent-zinc-900"
                          checked={selected.has(item.itemId)}
                          onChange={() => toggle(item.itemId)}
                        />
                      </Td>
                    )}
                    <Td className="text-right text-xs text-zinc-500 tabular-nums">{item.ordinal}</Td>
                    <Td>
                      <MonoCell value={previewJson(item.input, 300)} />
                    </Td>
                    <Td>
                      <MonoCell value={previewJson(item.expectedOutput ?? undefined, 200)} />
                    </Td>
                    <Td>
                      <MonoCell value={item.metadata ? previewJson(item.metadata, 200) : ""} className="text-zinc-500" />
                    </Td>
                    <Td className="text-right">
                      <div className="flex justify-end gap-0.5">
                        <RowAction label="Item history" onAction={() => setHistoryOf(item)}>
                          <HistoryIcon />
                        </RowAction>
                        {!readOnly && (
                          <>
                            <RowAction label="Edit item" onAction={() => setEditing(item)}>
                              <PencilIcon />
                            </RowAction>
                            <RowAction label="Delete item" onAction={() => setDeleting([item])}>
                              <TrashIcon />
                            </RowAction>
                          </>
                        )}
                      </div>
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </TableCard>
          )
        }
      </QueryView>

      {!readOnly && <ItemFormDialog datasetId={datasetId} item={editing} open={editing !== null} onOpenChange={(isOpen) => !isOpen && setEditing(null)} />}
      <ItemHistoryDrawer itemId={historyOf?.itemId ?? null} ordinal={historyOf?.ordinal} onClose={() => setHistoryOf(null)} />
      <ConfirmDialogFor
        subject={deleting}
        onClose={() => setDeleting(null)}
        title={deleting && deleting.length > 1 ? `Delete ${deleting.length} items?` : "Delete item?"}
        confirmLabel={deleting && deleting.length > 1 ? `Delete ${deleting.length} items` : "Delete item"}
        pending={remove.isPending}
        onConfirm={(items) => remove.mutate({ itemIds: items.map((item) => item.itemId) })}
      >
        <p>
          {deleting && deleting.length > 1 ? "They leave" : "The item leaves"} the current dataset version
          {deleting && deleting.length > 1 ? " together, as one new version" : ""}. Runs made before keep showing{" "}
          {deleting && deleting.length > 1 ? "them" : "it"}, and the history keeps every version.
        </p>
        {deleting && deleting.length > 0 && (
          <ul className="mt-2 flex flex-col gap-1">
            {deleting.slice(0, 3).map((item) => (
              <li key={item.itemId} className="truncate rounded bg-zinc-50 px-2 py-1 font-mono text-xs text-zinc-700 ring-1 ring-zinc-200">
                #{item.ordinal} {previewJson(item.input, 200)}
              </li>
            ))}
            {deleting.length > 3 && <li className="text-xs text-zinc-500">…and {deleting.length - 3} more</li>}
          </ul>
        )}
      </ConfirmDialogFor>
    </div>
  );
}
