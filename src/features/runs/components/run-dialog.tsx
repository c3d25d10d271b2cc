"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, TextField } from "@/components/ui/field";
import { PlayIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { Callout } from "@/components/ui/states";
import { Segmented } from "@/components/ui/tabs";
import { AddScorerPicker, ScorerCard, newScorer, type ScorerDraft } from "@/features/scorers/components";
import { SavedTargetList, TargetConfigFields, TargetKindPicker } from "@/features/targets/components";
import { fieldErrorsOf, scopeErrors, type FieldErrors } from "@/lib/trpc/errors";
import { api } from "@/lib/trpc/react";
import { DialogSection } from "./dialog-section";
import { buildTriggerInput, defaultDraft, isFieldPath, newIdempotencyKey, type RunDraft } from "./run-form";

/**
 * Configure and start a run. The same zod schema as the server validates the
 * form first, so nested fields (target.url, scorers.2.params.pattern) get
 * their own message; the server's field errors are shown the same way.
 */
export function RunDialog({
  datasetId,
  datasetName,
  open,
  onOpenChange,
}: {
  datasetId: string;
  datasetName: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const utils = api.useUtils();
  const [draft, setDraft] = useState<RunDraft>(defaultDraft);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  // One key per opening of the dialog: a double click or a retried request
  // returns the same run instead of starting a second one.
  const [idempotencyKey, setIdempotencyKey] = useState("");
  const targets = api.targets.list.useQuery(undefined, { enabled: open });

  const trigger = api.runs.trigger.useMutation({
    onSuccess: async ({ runId }) => {
      await utils.runs.list.invalidate();
      void utils.datasets.get.invalidate({ id: datasetId });
      void utils.targets.list.invalidate();
      router.push(`/runs/${runId}`);
    },
  });
  const { reset: resetTrigger } = trigger;

  useEffect(() => {
    if (!open) return;
    setIdempotencyKey(newIdempotencyKey());
    setClientErrors({});
    resetTrigger();
  }, [open, resetTrigger]);

  // Saved targets first, when there are any; keep the choice valid if one was deleted.
  useEffect(() => {
    const list = targets.data;
    if (!list) return;
    setDraft((d) => {
      if (d.targetMode === null) return list.length > 0 ? { ...d, targetMode: "saved", targetId: list[0]!.id } : { ...d, targetMode: "inline" };
      if (d.targetMode === "saved" && !list.some((t) => t.id === d.targetId)) return { ...d, targetId: list[0]?.id ?? "" };
      return d;
    });
  }, [targets.data]);

  const serverErrors = fieldErrorsOf(trigger.error);
  const errors: FieldErrors = { ...serverErrors, ...clientErrors };
  const leftover = Object.entries(errors).filter(([path]) => !isFieldPath(path));

  function update(patch: Partial<RunDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
  }
  function updateScorer(id: string, patch: Partial<ScorerDraft>) {
    setDraft((d) => ({ ...d, scorers: d.scorers.map((s) => (s.id === id ? { ...s, ...patch } : s)) }));
  }
  function removeScorer(id: string) {
    // Gates on the removed scorer go with it.
    setDraft((d) => ({ ...d, scorers: d.scorers.filter((s) => s.id !== id).map((s) => ({ ...s, gate: s.gate.filter((g) => g !== id) })) }));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (trigger.isPending) return;
    const built = buildTriggerInput(draft, datasetId, idempotencyKey);
    if (!built.ok) {
      setClientErrors(built.errors);
      setFocusErrors((n) => n + 1);
      return;
    }
    setClientErrors({});
    // A run without scorers records outputs only: say so once, and start it on the second press.
    if (draft.scorers.length === 0 && !noScorersWarned) {
      setNoScorersWarned(true);
      setFocusErrors((n) => n + 1);
      return;
    }
    trigger.mutate(built.input);
  }

  // After a refused submit, the first problem is brought into view and focused (errors sit beside their fields).
  const formRef = useRef<HTMLFormElement>(null);
  const [focusErrors, setFocusErrors] = useState(0);
  const [noScorersWarned, setNoScorersWarned] = useState(false);
  useEffect(() => {
    if (focusErrors === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-focus-on-error]');
    first?.scrollIntoView({ block: "center" });
    first?.focus();
  }, [focusErrors]);
  useEffect(() => {
    if (trigger.error) setFocusErrors((n) => n + 1);
  }, [trigger.error]);
  useEffect(() => {
    if (draft.scorers.length > 0 || !open) setNoScorersWarned(false);
  }, [draft.scorers.length, open]);

  const numberField = (label: string, path: string, value: string, onChange: (v: string) => void, hint?: string) => (
    <Field label={label} error={errors[path]} hint={hint}>
      {(ids) => <Input {...ids} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} className="tabular-nums" />}
    </Field>
  );

  const savedTargets = targets.data ?? [];
  const gatedCount = draft.scorers.filter((s, i) => s.gate.some((id) => draft.scorers.slice(0, i).some((e) => e.id === id))).length;

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Run dataset"
      description={
        <>
          Send every item of <span className="font-medium text-zinc-700">{datasetName}</span> to a target and score the outputs.
        </>
      }
      size="lg"
      data-testid="run-dialog"
      primary={{
        label: (
          <>
            <PlayIcon width={12} height={12} /> Start run
          </>
        ),
        pending: trigger.isPending || trigger.isSuccess,
        form: "run-form",
      }}
    >
      <form id="run-form" ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
        <TextField
          label="Run name"
          hint="Optional. Helps you find the run later, e.g. “gpt-4o prompt v3”."
          error={errors.name}
          value={draft.name}
          onChange={(name) => update({ name })}
          placeholder="Untitled run"
          autoComplete="off"
        />

        <DialogSection
          title="Target"
          description="Where each item's input is sent."
          error={errors.target}
          aside={
            <Segmented
              label="Target source"
              value={draft.targetMode ?? (targets.isPending ? "saved" : "inline")}
              onChange={(targetMode) => update({ targetMode, targetId: draft.targetId || savedTargets[0]?.id || "" })}
              items={[
                { value: "saved" as const, label: "Saved target", count: targets.data?.length },
                { value: "inline" as const, label: "Configure here" },
              ]}
            />
          }
        >
          {draft.targetMode === null ? (
            <Skeleton className="h-24 w-full" />
          ) : draft.targetMode === "saved" ? (
            savedTargets.length === 0 ? (
              <div className="rounded-lg border border-dashed border-zinc-300 px-4 py-5 text-center text-xs text-zinc-500" data-testid="no-saved-targets">
                No saved targets yet.{" "}
                <Link href="/targets/new" className="font-medium text-blue-600 hover:underline">
                  Create one
                </Link>{" "}
                to reuse a model or service across runs, or{" "}
                <button type="button" className="font-medium text-blue-600 hover:underline" onClick={() => update({ targetMode: "inline" })}>
                  configure one here
                </button>
                .
              </div>
            ) : (
              <>
                <SavedTargetList targets={savedTargets} value={draft.targetId} onChange={(targetId) => update({ targetId })} error={errors.targetId} />
                <p className="text-xs text-zinc-500">
                  The run keeps a copy of the target&apos;s configuration; editing the target later does not change it.{" "}
                  <Link href="/targets" className="font-medium text-zinc-700 hover:underline">
                    Manage targets
                  </Link>
                </p>
              </>
            )
          ) : (
            <>
              <TargetKindPicker value={draft.target.kind} onChange={(kind) => update({ target: { ...draft.target, kind } })} />
              <TargetConfigFields draft={draft.target} onChange={(target) => update({ target })} errors={scopeErrors(errors, "target.")} />
            </>
          )}
        </DialogSection>

        <DialogSection
          title="Scorers"
          description={
            <>
              Each turns an output into a score from 0 to 1; at or above the threshold passes. Scorers run in order
              {gatedCount > 0 ? (
                <> — {gatedCount === 1 ? "1 is gated" : `${gatedCount} are gated`} on earlier ones.</>
              ) : (
                <>; gate an expensive one on earlier checks.</>
              )}
            </>
          }
          error={errors.scorers}
        >
          {draft.scorers.length === 0 &&
            (noScorersWarned ? (
              <p
                role="alert"
                tabIndex={-1}
                data-focus-on-error
                data-testid="no-scorers-warning"
                className="rounded-md border border-amber-300 bg-amber-50 px-3 py-3 text-xs text-amber-900 outline-none"
              >
                This run has no scorers: it will record outputs and latency only, with no score to compare. Add a scorer, or press Start run again to run it as
                it is.
              </p>
            ) : (
              <p className="rounded-md border border-dashed border-zinc-200 px-3 py-3 text-xs text-zinc-500">
                No scorers: the run records outputs and latency only.
              </p>
            ))}
          {draft.scorers.map((scorer, index) => (
            <ScorerCard
              key={scorer.id}
              draft={scorer}
              index={index}
              earlier={draft.scorers.slice(0, index)}
              errors={scopeErrors(errors, `scorers.${index}.`)}
              onChange={(patch) => updateScorer(scorer.id, patch)}
              onRemove={() => removeScorer(scorer.id)}
            />
          ))}
          <AddScorerPicker onAdd={(type) => update({ scorers: [...draft.scorers, newScorer(type, draft.scorers)] })} />
        </DialogSection>

        <DialogSection title="Settings" error={errors.settings}>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
            {numberField(
              "Concurrency",
              "settings.concurrency",
              draft.settings.concurrency,
              (v) => update({ settings: { ...draft.settings, concurrency: v } }),
              "Items in flight",
            )}
            {numberField(
              "Timeout (ms)",
              "settings.timeoutMs",
              draft.settings.timeoutMs,
              (v) => update({ settings: { ...draft.settings, timeoutMs: v } }),
              "Per attempt",
            )}
            {numberField(
              "Retries",
              "settings.retries",
              draft.settings.retries,
              (v) => update({ settings: { ...draft.settings, retries: v } }),
              "On 429, 5xx, timeouts",
            )}
            {numberField(
              "Repetitions",
              "settings.repetitions",
              draft.settings.repetitions,
              (v) => update({ settings: { ...draft.settings, repetitions: v } }),
              "Runs per item",
            )}
          </div>
        </DialogSection>

        {leftover.length > 0 && (
          <Callout title="The run could not start" data-testid="run-form-error">
            {leftover.map(([path, message]) => (
              <p key={path}>{message}</p>
            ))}
          </Callout>
        )}
      </form>
    </Dialog>
  );
}
