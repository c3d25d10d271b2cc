"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialogFor } from "@/components/confirm-dialog";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { DatabaseIcon, PlusIcon } from "@/components/ui/icons";
import { TableSkeleton } from "@/components/ui/skeleton";
import { EmptyState, QueryView } from "@/components/ui/states";
import { actionsColumn, type Column, DeleteRowCell, NameCell, TableCard, TableColumns, Td, Tr, UpdatedCell } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { api } from "@/lib/trpc/react";
import type { DatasetDto } from "../schemas";
import { CreateDatasetDialog } from "./create-dataset-dialog";

const COLUMNS: Column[] = [
  { header: "Name" },
  { width: "w-28", header: "Items", className: "text-right" },
  { width: "w-28", header: "Version", className: "text-right" },
  { width: "w-44", header: "Updated" },
  actionsColumn("w-14"),
];

export function DatasetsPage() {
  const router = useRouter();
  const utils = api.useUtils();
  const datasets = api.datasets.list.useQuery();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<DatasetDto | null>(null);

  const createDemo = api.datasets.createDemo.useMutation({
    onSuccess: async (dataset) => {
      await utils.datasets.list.invalidate();
      router.push(`/datasets/${dataset.id}`);
    },
  });
  const remove = api.datasets.delete.useMutation({
    onSuccess: async () => {
      toast.success(`Deleted dataset "${deleting?.name ?? ""}".`);
      setDeleting(null);
      await utils.datasets.list.invalidate();
    },
  });

  const newButton = (
    <Button variant="primary" onClick={() => setCreating(true)}>
      <PlusIcon /> New dataset
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Datasets"
        description="Inputs with expected outputs. Run a dataset through a target to score every answer and compare changes item by item."
        actions={newButton}
      />

      <QueryView query={datasets} loading={<TableSkeleton columns={4} />} errorTitle="Could not load datasets">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              icon={<DatabaseIcon width={20} height={20} />}
              title="No datasets yet"
              actions={
                <>
                  <Button variant="primary" loading={createDemo.isPending} onClick={() => createDemo.mutate()}>
                    Create demo dataset
                  </Button>
                  <Button onClick={() => setCreating(true)}>
                    <PlusIcon /> New dataset
                  </Button>
                </>
              }
            >
              A dataset is a list of items: an <strong className="font-medium text-zinc-700">input</strong> to send to your model or service, and optionally the{" "}
              <strong className="font-medium text-zinc-700">expected output</strong> to score the answer against. Start with a demo dataset of 25 capital-city
              questions, or create your own.
            </EmptyState>
          ) : (
            <TableCard minWidth={720} stickyFirst>
              <TableColumns columns={COLUMNS} />
              <tbody>
                {list.map((dataset) => (
                  <Tr key={dataset.id} interactive onClick={() => router.push(`/datasets/${dataset.id}`)} data-testid="dataset-row">
                    <NameCell href={`/datasets/${dataset.id}`} name={dataset.name} description={dataset.description} />
                    <Td className="text-right tabular-nums">{dataset.itemCount.toLocaleString()}</Td>
                    <Td className="text-right text-zinc-500 tabular-nums">v{dataset.version}</Td>
                    <UpdatedCell date={dataset.updatedAt} />
                    <DeleteRowCell label={`Delete dataset ${dataset.name}`} onDelete={() => setDeleting(dataset)} />
                  </Tr>
                ))}
              </tbody>
            </TableCard>
          )
        }
      </QueryView>

      <CreateDatasetDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialogFor
        subject={deleting}
        onClose={() => setDeleting(null)}
        title="Delete dataset?"
        confirmLabel="Delete dataset"
        pending={remove.isPending}
        onConfirm={({ id }) => remove.mutate({ id })}
      >
        <p>
          <strong className="font-medium text-zinc-900">{deleting?.name}</strong> and its {deleting?.itemCount.toLocaleString()} items will be deleted, together
          with the runs made on it. This cannot be undone.
        </p>
      </ConfirmDialogFor>
    </>
  );
}
