"use client";

import { LoadError } from "@/components/load-error";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { formatDateTime, formatRelative } from "@/components/format";
import { useUnsavedChangesWarning } from "@/components/hooks";
import { Breadcrumb, PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { TrashIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { Callout } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { fieldErrorsOf, scopeErrors, type FieldErrors } from "@/lib/trpc/errors";
import { api } from "@/lib/trpc/react";
import { createTargetInput, targetConfigSchema, TARGET_KINDS, type TargetConfig, type TargetDto } from "../schemas";
import { TargetConfigFields, TargetKindPicker } from "./target-config-fields";
import { addIssues, configFromDraft, defaultTargetDraft, draftFromConfig, type TargetDraft } from "./target-form";
import { TargetKindBadge } from "./target-kind-badge";
import { DeleteTargetDialog } from "./targets-page";
import { TryTargetPanel } from "./try-target-panel";
import { SectionHeading } from "@/components/ui/section-heading";

interface EditorState {
  name: string;
  description: string;
  config: TargetDraft;
}

function stateFrom(target: TargetDto | null): EditorState {
  return target
    ? { name: target.name, description: target.description, config: draftFromConfig(target.config) }
    : { name: "", description: "", config: defaultTargetDraft() };
}

function Card({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-xs">
      <SectionHeading title={title} description={description} />
      {children}
    </section>
  );
}

/** `/targets/new` (targetId null) and `/targets/[id]`: the form, with Try it beside it. */
export function TargetEditor({ targetId }: { targetId: string | null }) {
  const target = api.targets.get.useQuery({ id: targetId ?? "" }, { enabled: targetId !== null });

  if (targetId === null) return <TargetForm target={null} />;
  if (target.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading target">
        <Skeleton className="mb-3 h-3 w-24" />
        <Skeleton className="mb-8 h-6 w-72" />
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_400px]">
          <Skeleton className="h-96 w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
      </div>
    );
  }
  if (target.isError) {
    return <LoadError thing="target" error={target.error} onRetry={() => void target.refetch()} back={{ href: "/targets", label: "Back to targets" }} />;
  }
  // Keyed by the saved version: after a save the form starts again from what the server kept (secrets masked).
  return <TargetForm key={`${target.data.id}:${target.data.updatedAt.getTime()}`} target={target.data} />;
}

function TargetForm({ target }: { target: TargetDto | null }) {
  const router = useRouter();
  const utils = api.useUtils();
  const [initial] = useState(() => stateFrom(target));
  const [state, setState] = useState(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [deleting, setDeleting] = useState(false);

  const create = api.targets.create.useMutation({
    onSuccess: async (saved) => {
      toast.success(`Saved target "${saved.name}".`);
      utils.targets.get.setData({ id: saved.id }, saved);
      await utils.targets.list.invalidate();
      router.replace(`/targets/${saved.id}`);
    },
  });
  const update = api.targets.update.useMutation({
    onSuccess: async (saved) => {
      toast.success("Changes saved.");
      utils.targets.get.setData({ id: saved.id }, saved);
      await utils.targets.list.invalidate();
    },
  });
  const remove = api.targets.delete.useMutation({
    onSuccess: async () => {
      toast.success(`Deleted target "${target?.name ?? ""}".`);
      await utils.targets.list.invalidate();
      router.push("/targets");
    },
  });
  const mutation = target ? update : create;

  const errors: FieldErrors = { ...fieldErrorsOf(mutation.error), ...clientErrors };
  const configErrors = scopeErrors(errors, "config.");
  const formError = errors.config ?? errors.id ?? null;
  const dirty = JSON.stringify(state) !== JSON.stringify(initial);
  // Saved (or being saved): nothing to lose.
  useUnsavedChangesWarning(dirty && !mutation.isPending && !mutation.isSuccess, "Leave this page? Your unsaved changes to the target will be lost.");

  /** The form as API input, validated with the server's schema; null (and errors shown) when it is not valid. */
  function build(): { name: string; description: string; config: TargetConfig } | null {
    const found: FieldErrors = {};
    const config = configFromDraft(state.config, found, "config.");
    const parsed = createTargetInput.safeParse({ name: state.name, description: state.description, config });
    if (!parsed.success) addIssues(found, parsed.error.issues);
    setClientErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return null;
    return parsed.data;
  }

  /** Just the config, for Try it: a name is not needed to try. */
  function buildConfig(): TargetConfig | null {
    const found: FieldErrors = {};
    const config = configFromDraft(state.config, found, "config.");
    const parsed = targetConfigSchema.safeParse(config);
    if (!parsed.success)
      addIssues(
        found,
        parsed.error.issues.map((issue) => ({ ...issue, path: ["config", ...issue.path] })),
      );
    setClientErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return null;
    return parsed.data;
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (mutation.isPending) return;
    const input = build();
    if (!input) return;
    if (target) update.mutate({ id: target.id, ...input });
    else create.mutate(input);
  }

  const title = target ? target.name : "New target";
  return (
    <>
      <PageHeader
        breadcrumb={<Breadcrumb href="/targets">Targets</Breadcrumb>}
        title={<span data-testid="target-name">{title}</span>}
        description={target ? undefined : "Save a model or service once; pick it in the Run dialog of any dataset."}
        meta={
          target && (
            <>
              <TargetKindBadge kind={target.kind} />
              <span>
                <strong className="font-medium text-zinc-800 tabular-nums">{target.runCount.toLocaleString()}</strong> {target.runCount === 1 ? "run" : "runs"}
              </span>
              <span title={formatDateTime(target.updatedAt)}>updated {formatRelative(target.updatedAt)}</span>
            </>
          )
        }
        actions={
          target && (
            <Button onClick={() => setDeleting(true)}>
              <TrashIcon /> Delete
            </Button>
          )
        }
      />

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_400px] xl:grid-cols-[minmax(0,1fr)_460px]">
        <form id="target-form" onSubmit={onSubmit} className="flex min-w-0 flex-col gap-5" noValidate data-testid="target-form">
          <Card title="Details">
            <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
              <TextField
                label="Name"
                error={errors.name}
                value={state.name}
                onChange={(name) => setState({ ...state, name })}
                placeholder="gpt-4o-mini · support prompt v3"
                autoComplete="off"
                autoFocus={!target}
              />
              <TextField
                label="Description"
                error={errors.description}
                hint="Optional."
                value={state.description}
                onChange={(description) => setState({ ...state, description })}
                placeholder="What this target is for"
                autoComplete="off"
              />
            </div>
          </Card>

          <Card title="Kind" description="Where each item's input is sent.">
            <TargetKindPicker value={state.config.kind} onChange={(kind) => setState({ ...state, config: { ...state.config, kind } })} />
          </Card>

          <Card title={`${TARGET_KINDS[state.config.kind].label} settings`}>
            <TargetConfigFields draft={state.config} onChange={(config) => setState({ ...state, config })} errors={configErrors} />
          </Card>

          {formError && (
            <Callout title="The target could not be saved" data-testid="target-form-error">
              {formError}
            </Callout>
          )}

          <div className="sticky bottom-0 z-10 -mx-1 flex items-center justify-end gap-2 border-t border-zinc-200 bg-zinc-50/90 px-1 py-3 backdrop-blur">
            {dirty && target && <span className="mr-auto text-xs text-amber-700">Unsaved changes</span>}
            <Button onClick={() => (dirty && target ? setState(initial) : router.push("/targets"))}>{dirty && target ? "Discard changes" : "Cancel"}</Button>
            <Button variant="primary" type="submit" loading={mutation.isPending}>
              {target ? "Save changes" : "Create target"}
            </Button>
          </div>
        </form>

        <div className="lg:sticky lg:top-16">
          <TryTargetPanel targetId={target?.id ?? null} buildConfig={buildConfig} label={target ? "this target" : "the target"} />
        </div>
      </div>

      <DeleteTargetDialog
        target={deleting ? target : null}
        onClose={() => setDeleting(false)}
        pending={remove.isPending}
        onConfirm={(id) => remove.mutate({ id })}
      />
    </>
  );
}
