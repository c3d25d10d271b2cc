"use client";

import { useState, useSyncExternalStore, type FormEvent } from "react";
import { ConfirmDialogFor } from "@/components/confirm-dialog";
import { formatDateTime, formatRelative } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Callout, EmptyState, QueryView } from "@/components/ui/states";
import { actionsColumn, type Column, TableCard, TableColumns, Td, Tr } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { fieldErrorsOf } from "@/lib/trpc/errors";
import { api } from "@/lib/trpc/react";
import type { RouterOutputs } from "@/lib/trpc/types";
import { CopyButton } from "./copy-button";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];
type CreatedKey = RouterOutputs["apiKeys"]["create"];

function CreateKeyDialog({ open, onOpenChange, onCreated }: { open: boolean; onOpenChange: (open: boolean) => void; onCreated: (key: CreatedKey) => void }) {
  const utils = api.useUtils();
  const [name, setName] = useState("");
  const create = api.apiKeys.create.useMutation({
    onSuccess: async (key) => {
      setName("");
      onCreated(key);
      await utils.apiKeys.list.invalidate();
    },
  });
  const error = create.error ? (fieldErrorsOf(create.error).name ?? null) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) create.reset();
        onOpenChange(next);
      }}
      title="New API key"
      description="For scripts, CI jobs and the typed client. Name it after what will use it."
      size="sm"
      data-testid="create-key-dialog"
      primary={{ label: "Create key", pending: create.isPending, form: "create-key-form" }}
    >
      <form id="create-key-form" onSubmit={submit} noValidate>
        <TextField
          label="Name"
          error={error}
          hint="e.g. “GitHub Actions” or “nightly eval script”."
          value={name}
          onChange={setName}
          autoFocus
          maxLength={100}
          placeholder="GitHub Actions"
        />
      </form>
    </Dialog>
  );
}

/** The key in full, once. Closing the dialog is the last chance to copy it. */
function NewKeyDialog({ created, onClose }: { created: CreatedKey | null; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Dialog
      open={created !== null}
      onOpenChange={(open) => {
        if (!open) {
          setCopied(false);
          onClose();
        }
      }}
      title={`API key “${created?.name ?? ""}” created`}
      size="md"
      data-testid="new-key-dialog"
      footer={
        <Button
          variant={copied ? "primary" : "secondary"}
          onClick={() => {
            setCopied(false);
            onClose();
          }}
        >
          {copied ? "Done" : "I have saved it"}
        </Button>
      }
    >
      {created && (
        <div className="flex flex-col gap-4">
          <Callout tone="amber" title="Copy it now — it won’t be shown again">
            Trialrun keeps only a hash of the key. If you lose it, revoke it and create a new one.
          </Callout>
          <div className="flex items-center gap-2 rounded-lg border border-zinc-200 bg-zinc-50 p-1.5 pl-3">
            <code className="min-w-0 flex-1 truncate font-mono text-[13px] text-zinc-900 select-all" data-testid="new-key-value">
              {created.key}
            </code>
            <CopyButton value={created.key} label="Copy key" variant="primary" onCopied={() => setCopied(true)} />
          </div>
          <UseItSnippet apiKey={created.key} />
        </div>
      )}
    </Dialog>
  );
}

const noSubscribe = () => () => {};

/** This server's address as the browser sees it; a placeholder in the server render, so hydration matches. */
function useOrigin(): string {
  return useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => "http://localhost:3000",
  );
}

/** How a script or CI job uses a key: the CLI and the typed client. */
export function UseItSnippet({ apiKey }: { apiKey?: string }) {
  const key = apiKey ?? "trk_…";
  const url = useOrigin();
  const cli = `TRIALRUN_URL=${url} \\\nTRIALRUN_API_KEY=${key} \\\nnpx trialrun run --dataset <name> --target <name> \\\n  --scorer exact-match --min-score exact-match=0.8`;
  const client = `import { createTrialrunClient } from "trialrun/client";\n\nconst trialrun = createTrialrunClient({\n  url: "${url}",\n  apiKey: process.env.TRIALRUN_API_KEY,\n});\nconst run = await trialrun.runs.get.query({ id: runId });`;
  return (
    <div className="flex flex-col gap-3" data-testid="use-it">
      {[
        { title: "CLI (exits non-zero below the threshold)", code: cli },
        { title: "Typed client", code: client },
      ].map((block) => (
        <div key={block.title} className="min-w-0">
          <div className="mb-1.5 flex items-center justify-between">
            <h3 className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{block.title}</h3>
            <CopyButton value={block.code} />
          </div>
          <pre
            tabIndex={0}
            aria-label={block.title}
            className="overflow-x-auto rounded-lg bg-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500 px-3.5 py-3 font-mono text-xs leading-relaxed text-zinc-100"
          >
            {block.code}
          </pre>
        </div>
      ))}
    </div>
  );
}

function KeyRow({ apiKey, onRevoke }: { apiKey: ApiKey; onRevoke: () => void }) {
  const revoked = apiKey.revokedAt !== null;
  return (
    <Tr data-testid="api-key-row" data-revoked={revoked ? "true" : "false"} className={revoked ? "bg-zinc-50/60" : undefined}>
      <Td className={revoked ? "text-zinc-500" : "font-medium text-zinc-900"}>{apiKey.name}</Td>
      <Td>
        <code className={revoked ? "font-mono text-xs text-zinc-500 line-through" : "font-mono text-xs text-zinc-700"} data-testid="api-key-prefix">
          {apiKey.prefix}…
        </code>
      </Td>
      <Td className="text-zinc-500" title={formatDateTime(apiKey.createdAt)}>
        {formatRelative(apiKey.createdAt)}
      </Td>
      <Td className="text-zinc-500" title={apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : undefined}>
        {apiKey.lastUsedAt ? formatRelative(apiKey.lastUsedAt) : <span className="text-zinc-500">Never</span>}
      </Td>
      <Td>
        {revoked ? (
          <Badge tone="neutral" title={apiKey.revokedAt ? `Revoked ${formatDateTime(apiKey.revokedAt)}` : undefined}>
            Revoked
          </Badge>
        ) : (
          <Badge tone="green" dot>
            Active
          </Badge>
        )}
      </Td>
      <Td className="text-right">
        {!revoked && (
          <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" onClick={onRevoke}>
            Revoke
          </Button>
        )}
      </Td>
    </Tr>
  );
}

const COLUMNS: Column[] = [
  { width: "w-[28%]", header: "Name" },
  { width: "w-40", header: "Key" },
  { width: "w-32", header: "Created" },
  { width: "w-32", header: "Last used" },
  { width: "w-28", header: "Status" },
  actionsColumn("w-24"),
];

export function ApiKeysSection() {
  const utils = api.useUtils();
  const keys = api.apiKeys.list.useQuery();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = api.apiKeys.revoke.useMutation({
    onSuccess: async (key) => {
      toast.success(`Revoked “${key.name}”. Requests with it are now refused.`);
      setRevoking(null);
      await utils.apiKeys.list.invalidate();
    },
  });
  const newKeyButton = (
    <Button variant="primary" onClick={() => setCreating(true)}>
      <PlusIcon width={12} height={12} /> New API key
    </Button>
  );

  return (
    <section className="flex flex-col gap-3" aria-labelledby="api-keys-heading">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h2 id="api-keys-heading" className="text-sm font-semibold text-zinc-900">
            API keys
          </h2>
          <p className="mt-0.5 text-[13px] text-zinc-500">
            Sent as <code className="font-mono text-xs">Authorization: Bearer …</code> by the typed client and the CLI.
          </p>
        </div>
        {keys.data && keys.data.length > 0 && newKeyButton}
      </div>

      <QueryView query={keys} loading={<TableSkeleton columns={5} rows={3} />} errorTitle="Could not load API keys">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No API keys yet" actions={newKeyButton}>
              Create one for each script or CI job that talks to this server, so you can revoke it alone.
            </EmptyState>
          ) : (
            <TableCard minWidth={760} stickyFirst>
              <TableColumns columns={COLUMNS} />
              <tbody>
                {list.map((key) => (
                  <KeyRow key={key.id} apiKey={key} onRevoke={() => setRevoking(key)} />
                ))}
              </tbody>
            </TableCard>
          )
        }
      </QueryView>

      <CreateKeyDialog
        open={creating}
        onOpenChange={setCreating}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
        }}
      />
      <NewKeyDialog created={created} onClose={() => setCreated(null)} />
      <ConfirmDialogFor
        subject={revoking}
        onClose={() => setRevoking(null)}
        title="Revoke this API key?"
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        onConfirm={({ id }) => revoke.mutate({ id })}
      >
        Scripts and CI jobs using <strong className="font-medium text-zinc-900">{revoking?.name}</strong> (
        <code className="font-mono text-xs">{revoking?.prefix}…</code>) will be refused from now on. This cannot be undone.
      </ConfirmDialogFor>
    </section>
  );
}
