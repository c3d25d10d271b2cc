"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Button, IconButton } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox, Field, Input } from "@/components/ui/field";
import { PlayIcon, PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Callout } from "@/components/ui/states";
import { SCORER_TYPES } from "@/features/scorers/schemas";
import { TARGET_KINDS, type TargetKind } from "@/features/targets/schemas";
import { fieldErrorsOf, type FieldErrors } from "@/lib/trpc/errors";
import { api } from "@/lib/trpc/react";
import { buildTriggerInput, DIALOG_SCORER_TYPES, defaultDraft, isFieldPath, newIdempotencyKey, newScorer, nextDraftId, type RunDraft, type ScorerDraft } from "./run-form";

// The kinds this dialog can configure; others (openai-chat, saved targets) need their own form.
const DIALOG_TARGET_KINDS = ["demo", "echo", "http"] as const satisfies readonly TargetKind[];

function Section({ title, description, children, error }: { title: string; description?: string; children: ReactNode; error?: string }) {
  return (
    <section className="flex flex-col gap-3 border-t border-zinc-100 pt-4 first:border-0 first:pt-0">
      <div>
        <h3 className="text-[13px] font-semibold text-zinc-900">{title}</h3>
        {description && <p className="text-xs text-zinc-500">{description}</p>}
      </div>
      {error && (
        <p className="text-xs text-red-600" data-testid="field-error">
          {error}
        </p>
      )}
      {children}
    </section>
  );
}

/**
 * Configure and start a run. The same zod schema as the server validates the
 * form first, so nested fields (target.url, scorers.0.threshold) get their own
 * message; the server's field errors are shown the same way.
 */
export function RunDialog({ datasetId, datasetName, open, onOpenChange }: { datasetId: string; datasetName: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const utils = api.useUtils();
  const [draft, setDraft] = useState<RunDraft>(defaultDraft);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  // One key per opening of the dialog: a double click or a retried request
  // returns the same run instead of starting a second one.
  const [idempotencyKey, setIdempotencyKey] = useState("");

  const trigger = api.runs.trigger.useMutation({
    onSuccess: async ({ runId }) => {
      await utils.runs.list.invalidate();
      void utils.datasets.get.invalidate({ id: datasetId });
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

  const serverErrors = fieldErrorsOf(trigger.error);
  const errors: FieldErrors = { ...serverErrors, ...clientErrors };
  const leftover = Object.entries(errors).filter(([path]) => !isFieldPath(path));
  const headerErrors = Object.entries(errors).filter(([path]) => path.startsWith("target.headers"));

  function update(patch: Partial<RunDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
  }
  function updateScorer(id: string, patch: Partial<ScorerDraft>) {
    setDraft((d) => ({ ...d, scorers: d.scorers.map((s) => (s.id === id ? { ...s, ...patch } : s)) }));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (trigger.isPending) return;
    const built = buildTriggerInput(draft, datasetId, idempotencyKey);
    if (!built.ok) {
      setClientErrors(built.errors);
      return;
    }
    setClientErrors({});
    trigger.mutate(built.input);
  }

  const numberField = (label: string, path: string, value: string, onChange: (v: string) => void, hint?: string) => (
    <Field label={label} error={errors[path]} hint={hint}>
      {(ids) => <Input {...ids} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} className="tabular-nums" />}
    </Field>
  );

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
      footer={
        <>
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button variant="primary" type="submit" form="run-form" loading={trigger.isPending || trigger.isSuccess}>
            <PlayIcon width={12} height={12} /> Start run
          </Button>
        </>
      }
    >
      <form id="run-form" onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
        <Field label="Run name" hint="Optional. Helps you find the run later, e.g. “gpt-4o prompt v3”." error={errors.name}>
          {(ids) => <Input {...ids} value={draft.name} onChange={(e) => update({ name: e.target.value })} placeholder="Untitled run" autoComplete="off" />}
        </Field>

        <Section title="Target" description="Where each item's input is sent." error={errors.target}>
          <div role="radiogroup" aria-label="Target kind" className="grid grid-cols-3 gap-2">
            {DIALOG_TARGET_KINDS.map((kind) => {
              const selected = draft.targetKind === kind;
              return (
                <button
                  key={kind}
                  type="button"
                  role="radio"
                  aria-checked={selected}
                  onClick={() => update({ targetKind: kind })}
                  className={cn(
                    "rounded-lg border px-3 py-2.5 text-left transition-colors",
                    selected ? "border-zinc-900 bg-zinc-50 ring-1 ring-zinc-900" : "border-zinc-200 hover:border-zinc-300 hover:bg-zinc-50",
                  )}
                >
                  <span className="block text-[13px] font-medium text-zinc-900">{TARGET_KINDS[kind].label}</span>
                  <span className="mt-0.5 block text-xs leading-snug text-zinc-500">{TARGET_KINDS[kind].description}</span>
                </button>
              );
            })}
          </div>

          {draft.targetKind === "demo" && (
            <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
              {numberField("Latency (ms)", "target.latencyMs", draft.demo.latencyMs, (v) => update({ demo: { ...draft.demo, latencyMs: v } }))}
              {numberField("Jitter (ms)", "target.jitterMs", draft.demo.jitterMs, (v) => update({ demo: { ...draft.demo, jitterMs: v } }))}
              {numberField("Failure rate", "target.failureRate", draft.demo.failureRate, (v) => update({ demo: { ...draft.demo, failureRate: v } }), "0 to 1")}
              {numberField("Accuracy", "target.accuracy", draft.demo.accuracy, (v) => update({ demo: { ...draft.demo, accuracy: v } }), "0 to 1")}
            </div>
          )}

          {draft.targetKind === "http" && (
            <div className="flex flex-col gap-3">
              <div className="grid gap-3 md:grid-cols-[2fr_1fr]">
                <Field label="URL" error={errors["target.url"]} hint="Receives POST { input, metadata } as JSON.">
                  {(ids) => <Input {...ids} value={draft.http.url} onChange={(e) => update({ http: { ...draft.http, url: e.target.value } })} placeholder="https://my-agent.internal/answer" autoComplete="off" />}
                </Field>
                <Field label="Output path" error={errors["target.outputPath"]} hint="Dot path in the JSON response; empty = whole body.">
                  {(ids) => <Input {...ids} value={draft.http.outputPath} onChange={(e) => update({ http: { ...draft.http, outputPath: e.target.value } })} placeholder="output" className="font-mono text-xs" />}
                </Field>
              </div>
              <div className="flex flex-col gap-2">
                <span className="text-xs font-medium text-zinc-700">Headers</span>
                {draft.http.headers.map((row, index) => (
                  <div key={row.id} className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto] items-center gap-2">
                    <Input
                      aria-label={`Header ${index + 1} name`}
                      placeholder="Authorization"
                      className="font-mono text-xs"
                      value={row.name}
                      aria-invalid={errors[`target.headers.${index}`] ? true : undefined}
                      onChange={(e) => update({ http: { ...draft.http, headers: draft.http.headers.map((h) => (h.id === row.id ? { ...h, name: e.target.value } : h)) } })}
                    />
                    <Input
                      aria-label={`Header ${index + 1} value`}
                      placeholder="Bearer …"
                      className="font-mono text-xs"
                      autoComplete="off"
                      value={row.value}
                      onChange={(e) => update({ http: { ...draft.http, headers: draft.http.headers.map((h) => (h.id === row.id ? { ...h, value: e.target.value } : h)) } })}
                    />
                    <IconButton label={`Remove header ${index + 1}`} onClick={() => update({ http: { ...draft.http, headers: draft.http.headers.filter((h) => h.id !== row.id) } })}>
                      <TrashIcon />
                    </IconButton>
                  </div>
                ))}
                {headerErrors.map(([path, message]) => (
                  <p key={path} className="text-xs text-red-600" data-testid="field-error">
                    {message}
                  </p>
                ))}
                <div className="flex items-center gap-3">
                  <Button size="sm" onClick={() => update({ http: { ...draft.http, headers: [...draft.http.headers, { id: nextDraftId(), name: "", value: "" }] } })}>
                    <PlusIcon width={12} height={12} /> Add header
                  </Button>
                  <span className="text-xs text-zinc-500">Header values are stored with the run and never shown again in clear.</span>
                </div>
              </div>
            </div>
          )}
        </Section>

        <Section title="Scorers" description="Each turns an output into a score from 0 to 1; at or above the threshold passes." error={errors.scorers}>
          {draft.scorers.length === 0 && <p className="rounded-md border border-dashed border-zinc-200 px-3 py-3 text-xs text-zinc-500">No scorers: the run records outputs and latency only.</p>}
          {draft.scorers.map((scorer, index) => (
            <div key={scorer.id} className="rounded-lg border border-zinc-200 p-3" data-testid="scorer-row">
              <div className="mb-2.5 flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="text-[13px] font-medium text-zinc-900">{SCORER_TYPES[scorer.type].label}</p>
                  <p className="text-xs text-zinc-500">{SCORER_TYPES[scorer.type].description}</p>
                </div>
                <IconButton label={`Remove scorer ${scorer.name}`} onClick={() => update({ scorers: draft.scorers.filter((s) => s.id !== scorer.id) })}>
                  <TrashIcon />
                </IconButton>
              </div>
              <div className="grid grid-cols-[2fr_1fr] gap-3 md:grid-cols-[2fr_1fr_3fr]">
                <Field label="Name" error={errors[`scorers.${index}.name`]}>
                  {(ids) => <Input {...ids} value={scorer.name} onChange={(e) => updateScorer(scorer.id, { name: e.target.value })} />}
                </Field>
                <Field label="Threshold" error={errors[`scorers.${index}.threshold`]}>
                  {(ids) => <Input {...ids} inputMode="decimal" value={scorer.threshold} onChange={(e) => updateScorer(scorer.id, { threshold: e.target.value })} className="tabular-nums" />}
                </Field>
                {scorer.type === "contains" ? (
                  <Field label="Must contain" hint="Empty: the item's expected output." error={errors[`scorers.${index}.params.value`] ?? errors[`scorers.${index}.params`]} className="col-span-2 md:col-span-1">
                    {(ids) => <Input {...ids} value={scorer.value} onChange={(e) => updateScorer(scorer.id, { value: e.target.value })} placeholder="expected output" />}
                  </Field>
                ) : (
                  <div className="col-span-2 hidden md:col-span-1 md:block" />
                )}
              </div>
              <div className="mt-2.5 flex gap-4">
                <Checkbox label="Case sensitive" checked={scorer.caseSensitive} onChange={(v) => updateScorer(scorer.id, { caseSensitive: v })} />
                {scorer.type === "exact-match" && <Checkbox label="Trim whitespace" checked={scorer.trim} onChange={(v) => updateScorer(scorer.id, { trim: v })} />}
              </div>
            </div>
          ))}
          <div className="flex flex-wrap gap-2">
            {DIALOG_SCORER_TYPES.map((type) => (
              <Button key={type} size="sm" onClick={() => update({ scorers: [...draft.scorers, newScorer(type, draft.scorers)] })}>
                <PlusIcon width={12} height={12} /> {SCORER_TYPES[type].label}
              </Button>
            ))}
          </div>
        </Section>

        <Section title="Settings" error={errors.settings}>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
            {numberField("Concurrency", "settings.concurrency", draft.settings.concurrency, (v) => update({ settings: { ...draft.settings, concurrency: v } }), "Items in flight")}
            {numberField("Timeout (ms)", "settings.timeoutMs", draft.settings.timeoutMs, (v) => update({ settings: { ...draft.settings, timeoutMs: v } }), "Per attempt")}
            {numberField("Retries", "settings.retries", draft.settings.retries, (v) => update({ settings: { ...draft.settings, retries: v } }), "On 429, 5xx, timeouts")}
            {numberField("Repetitions", "settings.repetitions", draft.settings.repetitions, (v) => update({ settings: { ...draft.settings, repetitions: v } }), "Runs per item")}
          </div>
        </Section>

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
