"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { useDebounced } from "@/components/hooks";
import { Button, IconButton } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { PencilIcon, PlusIcon, SearchIcon, TrashIcon } from "@/components/ui/icons";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { MonoCell, TableCard, Td, Th, THead, Tr } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { previewJson } from "@/lib/json";
import { api } from "@/lib/trpc/react";
import type { ItemDto } from "../schemas";
import { ItemFormDialog } from "./item-form-dialog";

const PAGE_SIZE = 25;

export function ItemsTable({ datasetId, onAdd }: { datasetId: string; onAdd: () => void }) {
  const utils = api.useUtils();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const debouncedSearch = useDebounced(search.trim(), 300);
  const [editing, setEditing] = useState<ItemDto | null>(null);
  const [deleting, setDeleting] = useState<ItemDto | null>(null);

  const items = api.items.list.useQuery(
    { datasetId, page, pageSize: PAGE_SIZE, search: debouncedSearch || undefined },
    // Keep the current page on screen while the next one (or a search) loads.
    { placeholderData: (previous) => previous },
  );
  const remove = api.items.delete.useMutation({
    onSuccess: async () => {
      toast.success("Item deleted.");
      setDeleting(null);
      await Promise.all([utils.items.list.invalidate({ datasetId }), utils.datasets.get.invalidate({ id: datasetId }), utils.datasets.list.invalidate()]);
    },
  });

  function onSearch(value: string) {
    setSearch(value);
    setPage(1);
  }

  // A page emptied by deletes: step back to the last page that has rows.
  const data = items.data;
  if (data && data.items.length === 0 && data.total > 0 && page > 1) {
    setPage(Math.max(1, Math.ceil(data.total / PAGE_SIZE)));
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-3">
        <div className="relative w-full max-w-xs">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-400" />
          <Input type="search" aria-label="Search items" placeholder="Search input, expected, metadata…" className="pl-8" value={search} onChange={(e) => onSearch(e.target.value)} />
        </div>
        {items.isFetching && !items.isPending && <span className="text-xs text-zinc-400">Updating…</span>}
      </div>

      {items.isPending ? (
        <TableSkeleton columns={4} />
      ) : items.isError ? (
        <ErrorState title="Could not load items" message={items.error.message} onRetry={() => void items.refetch()} />
      ) : items.data.total === 0 && !debouncedSearch ? (
        <EmptyState
          title="This dataset has no items"
          actions={
            <Button variant="primary" onClick={onAdd}>
              <PlusIcon /> Add item
            </Button>
          }
        >
          Each item is an input to send to the target and, optionally, the output you expect back. Add items one by one here.
        </EmptyState>
      ) : items.data.total === 0 ? (
        <EmptyState title="No matching items">Nothing contains “{debouncedSearch}”. Search looks in input, expected output and metadata.</EmptyState>
      ) : (
        <TableCard footer={<Pagination page={items.data.page} pageSize={items.data.pageSize} total={items.data.total} onPageChange={setPage} noun="items" />}>
          <colgroup>
            <col className="w-14" />
            <col className="w-[42%]" />
            <col className="w-[28%]" />
            <col />
            <col className="w-20" />
          </colgroup>
          <THead>
            <Th className="text-right">#</Th>
            <Th>Input</Th>
            <Th>Expected output</Th>
            <Th>Metadata</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </THead>
          <tbody>
            {items.data.items.map((item, index) => (
              <Tr key={item.itemId} interactive tabIndex={0} data-testid="item-row" onClick={() => setEditing(item)} onKeyDown={(e) => e.key === "Enter" && setEditing(item)}>
                <Td className="text-right text-xs text-zinc-400 tabular-nums">{(items.data.page - 1) * items.data.pageSize + index + 1}</Td>
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
                    <IconButton
                      label="Edit item"
                      onClick={(e) => {
                        e.stopPropagation();
                        setEditing(item);
                      }}
                    >
                      <PencilIcon />
                    </IconButton>
                    <IconButton
                      label="Delete item"
                      onClick={(e) => {
                        e.stopPropagation();
                        setDeleting(item);
                      }}
                    >
                      <TrashIcon />
                    </IconButton>
                  </div>
                </Td>
              </Tr>
            ))}
          </tbody>
        </TableCard>
      )}

      <ItemFormDialog datasetId={datasetId} item={editing} open={editing !== null} onOpenChange={(open) => !open && setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete item?"
        confirmLabel="Delete item"
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ itemIds: [deleting.itemId] })}
      >
        <p>The item leaves the current dataset version. Runs made before keep showing it.</p>
        {deleting && <p className="mt-2 truncate rounded bg-zinc-50 px-2 py-1 font-mono text-xs text-zinc-700 ring-1 ring-zinc-200">{previewJson(deleting.input, 200)}</p>}
      </ConfirmDialog>
    </div>
  );
}
