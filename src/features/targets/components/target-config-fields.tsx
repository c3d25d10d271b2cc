"use client";

import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { onRadioGroupKeyDown, radioTabIndex } from "@/components/ui/radio-group";
import { Checkbox, Field, Input, Select, Textarea } from "@/components/ui/field";
import { scopeErrors, type FieldErrors } from "@/lib/trpc/errors";
import { TARGET_KINDS, type TargetKind } from "../schemas";
import { HeadersEditor, SecretInput } from "./secret-input";
import { HTTP_METHODS, OPENAI_BASE_URL_PRESETS, type TargetDraft } from "./target-form";

export const ALL_TARGET_KINDS = ["openai-chat", "http", "demo", "echo"] as const satisfies readonly TargetKind[];

/** `{{input}}` written as text: JSX would read the braces as an expression. */
export const Placeholder = ({ children }: { children: string }) => <code className="rounded bg-zinc-100 px-1 py-px font-mono text-[11px] text-zinc-700">{`{{${children}}}`}</code>;

/** Radio cards, one per kind, with what each does. */
export function TargetKindPicker({ value, onChange, kinds = ALL_TARGET_KINDS }: { value: TargetKind; onChange: (kind: TargetKind) => void; kinds?: readonly TargetKind[] }) {
  return (
    <div role="radiogroup" aria-label="Target kind" className="grid grid-cols-1 gap-2 sm:grid-cols-2" onKeyDown={(e) => onRadioGroupKeyDown(e, kinds, value, onChange)}>
      {kinds.map((kind) => {
        const selected = value === kind;
        return (
          <button
            key={kind}
            type="button"
            role="radio"
            aria-checked={selected}
            tabIndex={radioTabIndex(kinds, value, kind)}
            onClick={() => onChange(kind)}
            className={cn(
              "rounded-lg border px-3 py-2.5 text-left transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500",
              selected ? "border-zinc-900 bg-zinc-50 ring-1 ring-zinc-900" : "border-zinc-200 hover:border-zinc-300 hover:bg-zinc-50",
            )}
          >
            <span className="block text-[13px] font-medium text-zinc-900">{TARGET_KINDS[kind].label}</span>
            <span className="mt-0.5 block text-xs leading-snug text-zinc-500">{TARGET_KINDS[kind].description}</span>
          </button>
        );
      })}
    </div>
  );
}

function Row({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn("grid gap-3", className)}>{children}</div>;
}

/**
 * The fields of one target kind. `errors` are keyed relative to the config
 * (`url`, `pricing.promptPer1k`, `headers.0`), so the same fields serve the
 * Targets page (`config.*`) and the run dialog (`target.*`).
 */
export function TargetConfigFields({ draft, onChange, errors }: { draft: TargetDraft; onChange: (next: TargetDraft) => void; errors: FieldErrors }) {
  const http = draft.http;
  const openai = draft.openai;
  const setHttp = (patch: Partial<TargetDraft["http"]>) => onChange({ ...draft, http: { ...http, ...patch } });
  const setOpenai = (patch: Partial<TargetDraft["openai"]>) => onChange({ ...draft, openai: { ...openai, ...patch } });
  const setDemo = (patch: Partial<TargetDraft["demo"]>) => onChange({ ...draft, demo: { ...draft.demo, ...patch } });

  const numberInput = (label: string, path: string, value: string, set: (v: string) => void, hint?: ReactNode, placeholder?: string) => (
    <Field label={label} error={errors[path]} hint={hint}>
      {(ids) => <Input {...ids} inputMode="decimal" value={value} placeholder={placeholder} onChange={(e) => set(e.target.value)} className="tabular-nums" />}
    </Field>
  );

  switch (draft.kind) {
    case "echo":
      return <p className="rounded-md bg-zinc-50 px-3 py-2.5 text-xs text-zinc-600 ring-1 ring-zinc-200 ring-inset">Nothing to configure: each item&apos;s input comes back as its output. Useful to check scorers and the pipeline.</p>;

    case "demo":
      return (
        <Row className="grid-cols-2 md:grid-cols-4">
          {numberInput("Latency (ms)", "latencyMs", draft.demo.latencyMs, (v) => setDemo({ latencyMs: v }))}
          {numberInput("Jitter (ms)", "jitterMs", draft.demo.jitterMs, (v) => setDemo({ jitterMs: v }))}
          {numberInput("Failure rate", "failureRate", draft.demo.failureRate, (v) => setDemo({ failureRate: v }), "0 to 1")}
          {numberInput("Accuracy", "accuracy", draft.demo.accuracy, (v) => setDemo({ accuracy: v }), "0 to 1")}
        </Row>
      );

    case "http":
      return (
        <div className="flex flex-col gap-4">
          <Row className="grid-cols-[7rem_minmax(0,1fr)]">
            <Field label="Method" error={errors.method}>
              {(ids) => (
                <Select {...ids} value={http.method} onChange={(e) => setHttp({ method: e.target.value as TargetDraft["http"]["method"] })}>
                  {HTTP_METHODS.map((m) => (
                    <option key={m}>{m}</option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="URL" error={errors.url} hint="Receives each item as JSON; answers with the output.">
              {(ids) => <Input {...ids} value={http.url} onChange={(e) => setHttp({ url: e.target.value })} placeholder="https://my-agent.internal/answer" autoComplete="off" spellCheck={false} />}
            </Field>
          </Row>
          <HeadersEditor rows={http.headers} onChange={(headers) => setHttp({ headers })} errors={scopeErrors({ ...errors, ...(errors.headers ? { "headers.": errors.headers } : {}) }, "headers.")} hint="e.g. Authorization: Bearer …" />
          <Field
            label="Body template"
            error={errors.bodyTemplate}
            hint={
              <>
                JSON where <Placeholder>input</Placeholder>, <Placeholder>input.question</Placeholder>, <Placeholder>metadata.lang</Placeholder> become the item&apos;s values as JSON
                (strings quoted). Empty: the body is <code className="font-mono text-[11px]">{'{ "input": …, "metadata": … }'}</code>.
              </>
            }
          >
            {(ids) => (
              <Textarea
                {...ids}
                rows={4}
                className="font-mono text-xs"
                spellCheck={false}
                value={http.bodyTemplate}
                onChange={(e) => setHttp({ bodyTemplate: e.target.value })}
                placeholder={'{ "question": {{input.question}}, "lang": {{metadata.lang}} }'}
              />
            )}
          </Field>
          <Row className="md:grid-cols-3">
            <Field label="Output path" error={errors.outputPath} hint="Dot path in the JSON reply, e.g. data.answer. Empty: the whole body.">
              {(ids) => <Input {...ids} value={http.outputPath} onChange={(e) => setHttp({ outputPath: e.target.value })} placeholder="output" className="font-mono text-xs" spellCheck={false} />}
            </Field>
            {numberInput("Timeout override (ms)", "timeoutMs", http.timeoutMs, (v) => setHttp({ timeoutMs: v }), "Empty: the run's per-item timeout.", "30000")}
            <Field label="Retryable statuses" error={errors.retryableStatuses} hint="Retried with backoff, honouring Retry-After.">
              {(ids) => <Input {...ids} value={http.retryableStatuses} onChange={(e) => setHttp({ retryableStatuses: e.target.value })} className="font-mono text-xs tabular-nums" spellCheck={false} />}
            </Field>
          </Row>
        </div>
      );

    case "openai-chat":
      return (
        <div className="flex flex-col gap-4">
          <Field
            label="Base URL"
            error={errors.baseUrl}
            hint={
              <span className="flex flex-wrap items-center gap-1.5">
                Presets:
                {OPENAI_BASE_URL_PRESETS.map((preset) => (
                  <button
                    key={preset.label}
                    type="button"
                    onClick={() => setOpenai({ baseUrl: preset.url })}
                    title={preset.url}
                    className={cn(
                      "rounded-full px-2 py-px text-[11px] font-medium ring-1 ring-inset transition-colors",
                      openai.baseUrl === preset.url ? "bg-zinc-900 text-white ring-zinc-900" : "bg-white text-zinc-600 ring-zinc-200 hover:bg-zinc-50 hover:text-zinc-900",
                    )}
                  >
                    {preset.label}
                  </button>
                ))}
                <span className="text-zinc-500">— any server with /chat/completions</span>
              </span>
            }
          >
            {(ids) => <Input {...ids} value={openai.baseUrl} onChange={(e) => setOpenai({ baseUrl: e.target.value })} placeholder="https://api.openai.com/v1" autoComplete="off" spellCheck={false} className="font-mono text-xs" />}
          </Field>
          <Row className="md:grid-cols-2">
            <Field label="API key" error={errors.apiKey} hint="Secret: encrypted at rest, never sent back. Empty for local servers.">
              {(ids) => <SecretInput {...ids} value={openai.apiKey} onChange={(e) => setOpenai({ apiKey: e.target.value })} placeholder="sk-…" />}
            </Field>
            <Field label="Model" error={errors.model}>
              {(ids) => <Input {...ids} value={openai.model} onChange={(e) => setOpenai({ model: e.target.value })} placeholder="gpt-4o-mini, llama3.1:8b…" autoComplete="off" spellCheck={false} className="font-mono text-xs" />}
            </Field>
          </Row>
          <Field label="System prompt" error={errors.systemPrompt} hint="Optional.">
            {(ids) => <Textarea {...ids} rows={3} value={openai.systemPrompt} onChange={(e) => setOpenai({ systemPrompt: e.target.value })} placeholder="You are a concise assistant. Answer with the city name only." />}
          </Field>
          <Field
            label="User message"
            error={errors.userTemplate}
            hint={
              <>
                <Placeholder>input</Placeholder> is the item&apos;s input (objects as JSON); <Placeholder>input.question</Placeholder>, <Placeholder>metadata.lang</Placeholder> and{" "}
                <Placeholder>expectedOutput</Placeholder> reach inside it.
              </>
            }
          >
            {(ids) => <Textarea {...ids} rows={3} className="font-mono text-xs" spellCheck={false} value={openai.userTemplate} onChange={(e) => setOpenai({ userTemplate: e.target.value })} />}
          </Field>
          <Row className="grid-cols-2 md:grid-cols-4">
            {numberInput("Temperature", "temperature", openai.temperature, (v) => setOpenai({ temperature: v }), "0 to 2", "default")}
            {numberInput("Max tokens", "maxTokens", openai.maxTokens, (v) => setOpenai({ maxTokens: v }), undefined, "default")}
            {numberInput("$ / 1k prompt tokens", "pricing.promptPer1k", openai.promptPer1k, (v) => setOpenai({ promptPer1k: v }), "For cost estimates", "0")}
            {numberInput("$ / 1k completion tokens", "pricing.completionPer1k", openai.completionPer1k, (v) => setOpenai({ completionPer1k: v }), undefined, "0")}
          </Row>
          <div className="flex flex-col gap-1">
            <Checkbox label="JSON mode — ask for a JSON object reply; the output is the parsed JSON" checked={openai.jsonMode} onChange={(jsonMode) => setOpenai({ jsonMode })} />
            {errors.jsonMode && <p className="text-xs text-red-600">{errors.jsonMode}</p>}
          </div>
          <HeadersEditor
            label="Extra headers"
            rows={openai.headers}
            onChange={(headers) => setOpenai({ headers })}
            errors={scopeErrors({ ...errors, ...(errors.headers ? { "headers.": errors.headers } : {}) }, "headers.")}
            hint="For gateways, e.g. OpenAI-Organization."
          />
        </div>
      );
  }
}
