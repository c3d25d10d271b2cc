"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialogFor } from "@/components/confirm-dialog";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { TableSkeleton } from "@/components/ui/skeleton";
import { EmptyState, QueryView } from "@/components/ui/states";
import { actionsColumn, type Column, DeleteRowCell, NameCell, TableCard, TableColumns, Td, Tr, UpdatedCell } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { api } from "@/lib/trpc/react";
import type { TargetDto } from "../schemas";
import { TargetKindBadge } from "./target-kind-badge";
import { targetSummary } from "./target-form";

export const TargetIcon = () => (
  <svg width="20" height="20" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" aria-hidden="true">
    <circle cx="8" cy="8" r="6" />
    <circle cx="8" cy="8" r="3" />
    <circle cx="8" cy="8" r="0.5" fill="currentColor" />
  </svg>
);

const COLUMNS: Column[] = [
  { width: "w-[28%]", header: "Name" },
  { width: "w-40", header: "Kind" },
  { header: "Endpoint / model" },
  { width: "w-20", header: "Runs", className: "text-right" },
  { width: "w-32", header: "Updated" },
  actionsColumn("w-14"),
];

export function TargetsPage() {
  const router = useRouter();
  const utils = api.useUtils();
  const targets = api.targets.list.useQuery();
  const [deleting, setDeleting] = useState<TargetDto | null>(null);
  const remove = api.targets.delete.useMutation({
    onSuccess: async () => {
      toast.success(`Deleted target "${deleting?.name ?? ""}".`);
      setDeleting(null);
      await utils.targets.list.invalidate();
    },
  });

  const newButton = (
    <Button variant="primary" onClick={() => router.push("/targets/new")}>
      <PlusIcon /> New target
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Targets"
        description="Saved models and services to run datasets against. Secrets (API keys, auth headers) are encrypted at rest and never shown again."
        actions={newButton}
      />
      <QueryView query={targets} loading={<TableSkeleton columns={5} rows={4} />} errorTitle="Could not load targets">
        {(list) =>
          list.length === 0 ? (
            <EmptyState icon={<TargetIcon />} title="No saved targets yet" actions={newButton}>
              A target is what each item is sent to: an <strong className="font-medium text-zinc-700">OpenAI-compatible model</strong> (OpenAI, Ollama, vLLM, LM
              Studio), your own <strong className="font-medium text-zinc-700">HTTP service</strong>, or a built-in demo. Save one here, try it on a sample, then
              pick it in the Run dialog.
            </EmptyState>
          ) : (
            <TableCard minWidth={860} stickyFirst>
              <TableColumns columns={COLUMNS} />
              <tbody>
                {list.map((target) => (
                  <Tr key={target.id} interactive onClick={() => router.push(`/targets/${target.id}`)} data-testid="target-row">
                    <NameCell href={`/targets/${target.id}`} name={target.name} description={target.description} titled />
                    <Td>
                      <TargetKindBadge kind={target.kind} />
                    </Td>
                    <Td>
                      <span className="block truncate font-mono text-xs text-zinc-600" title={targetSummary(target.config)}>
                        {targetSummary(target.config)}
                      </span>
                    </Td>
                    <Td className="text-right tabular-nums">{target.runCount.toLocaleString()}</Td>
                    <UpdatedCell date={target.updatedAt} />
                    <DeleteRowCell label={`Delete target ${target.name}`} onDelete={() => setDeleting(target)} />
                  </Tr>
                ))}
              </tbody>
            </TableCard>
          )
        }
      </QueryView>
      <DeleteTargetDialog target={deleting} onClose={() => setDeleting(null)} pending={remove.isPending} onConfirm={(id) => remove.mutate({ id })} />
    </>
  );
}

export function DeleteTargetDialog({
  target,
  onClose,
  pending,
  onConfirm,
}: {
  target: TargetDto | null;
  onClose: () => void;
  pending: boolean;
  onConfirm: (id: string) => void;
}) {
  return (
    <ConfirmDialogFor
      subject={target}
      onClose={onClose}
      title="Delete target?"
      confirmLabel="Delete target"
      pending={pending}
      onConfirm={({ id }) => onConfirm(id)}
    >
      <p>
        <strong className="font-medium break-words text-zinc-900">{target?.name}</strong> and its stored secrets will be deleted.
        {target && target.runCount > 0 && (
          <>
            {" "}
            Its {target.runCount.toLocaleString()} {target.runCount === 1 ? "run keeps" : "runs keep"} their own copy of the configuration and stay readable.
          </>
        )}
      </p>
    </ConfirmDialogFor>
  );
}
