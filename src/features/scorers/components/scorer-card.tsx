"use client";

import { useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, IconButton } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Checkbox, Field, Input, Select, Textarea } from "@/components/ui/field";
import { PlusIcon, TrashIcon, XIcon } from "@/components/ui/icons";
import { Segmented } from "@/components/ui/tabs";
import { HeadersEditor, SecretInput } from "@/features/targets/components/secret-input";
import { Placeholder } from "@/features/targets/components/target-config-fields";
import { OPENAI_BASE_URL_PRESETS } from "@/features/targets/components/target-form";
import { scopeErrors, type FieldErrors } from "@/lib/trpc/errors";
import type { JudgeScale, ScorerType } from "../schemas";
import { SCORER_TYPES } from "../scorer-types";
import { EXPENSIVE_SCORERS, SCORER_GROUPS, type ScorerDraft } from "./scorer-form";

type NumberKey = "min" | "max" | "absoluteTolerance" | "relativeTolerance" | "expected" | "budgetMs" | "temperature" | "timeoutMs";

const JUDGE_SCALES: JudgeScale[] = ["0-1", "1-5", "0-10", "1-10", "0-100"];

const GateIcon = (p: { className?: string }) => (
  <svg width="12" height="12" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" {...p}>
    <path d="M3 2v6a3 3 0 0 0 3 3h7M10 8l3 3-3 3" />
  </svg>
);

/** "a", "a and b", "a, b and c". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * One scorer: name, threshold, the params of its type, and the gate. `errors`
 * are this scorer's (`name`, `params.pattern`, `gate.requires.0`); whatever no
 * field shows is listed at the bottom, so no message is ever lost.
 */
export function ScorerCard({
  draft,
  index,
  earlier,
  errors,
  onChange,
  onRemove,
}: {
  draft: ScorerDraft;
  index: number;
  earlier: ScorerDraft[];
  errors: FieldErrors;
  onChange: (patch: Partial<ScorerDraft>) => void;
  onRemove: () => void;
}) {
  const claimed = new Set<string>();
  const err = (key: string) => {
    claimed.add(key);
    return errors[key];
  };
  const params = renderParams(draft, onChange, err, errors);
  const gateNames = draft.gate.flatMap((id) => earlier.find((s) => s.id === id)?.name ?? []);
  const gated = gateNames.length > 0;
  const expensive = EXPENSIVE_SCORERS.has(draft.type);
  const gateErrors = Object.entries(errors).filter(([key]) => key.startsWith("gate"));
  gateErrors.forEach(([key]) => claimed.add(key));
  const leftover = Object.entries(errors).filter(([key]) => !claimed.has(key));
  const label = SCORER_TYPES[draft.type].label;

  return (
    <div className={cn(gated && "ml-5")} data-testid="scorer-row" data-scorer-type={draft.type} data-gated={gated || undefined}>
      {gated && (
        <div className="mb-1 flex items-center gap-1.5 text-xs text-violet-700" data-testid="gate-summary">
          <GateIcon className="-ml-3.5" />
          Runs only on outputs that passed <strong className="font-medium">{listNames(gateNames)}</strong>
        </div>
      )}
      <div className={cn("rounded-lg border bg-white p-3", gated ? "border-violet-200 ring-1 ring-violet-100" : "border-zinc-200")}>
        <div className="mb-2.5 flex items-start justify-between gap-3">
          <div className="flex min-w-0 gap-2.5">
            <span className="mt-px flex size-5 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-[11px] font-semibold text-zinc-600 tabular-nums">{index + 1}</span>
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-1.5 text-[13px] font-medium text-zinc-900">
                {label}
                {expensive && <Badge tone="amber">Calls out</Badge>}
                {gated && (
                  <Badge tone="violet" data-testid="gated-badge">
                    Gated
                  </Badge>
                )}
              </p>
              <p className="text-xs text-zinc-500">{SCORER_TYPES[draft.type].description}</p>
            </div>
          </div>
          <IconButton label={`Remove scorer ${draft.name || label}`} onClick={onRemove}>
            <TrashIcon />
          </IconButton>
        </div>

        <div className="flex flex-col gap-3">
          <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,1fr)] gap-3">
            <Field label="Name" error={err("name")} hint="Shown in results; gates refer to it.">
              {(ids) => <Input {...ids} value={draft.name} onChange={(e) => onChange({ name: e.target.value })} autoComplete="off" />}
            </Field>
            <Field label="Threshold" error={err("threshold")} hint="Passes at or above, 0–1.">
              {(ids) => <Input {...ids} inputMode="decimal" value={draft.threshold} onChange={(e) => onChange({ threshold: e.target.value })} className="tabular-nums" />}
            </Field>
          </div>
          {params}
          {index > 0 && <GateSelector draft={draft} earlier={earlier} onChange={(gate) => onChange({ gate })} expensive={expensive} />}
          {gateErrors.map(([key, message]) => (
            <p key={key} className="text-xs text-red-600" data-testid="field-error">
              {message}
            </p>
          ))}
          {leftover.map(([key, message]) => (
            <p key={key} className="text-xs text-red-600" data-testid="field-error">
              {key.replace(/^params\./, "")}: {message}
            </p>
          ))}
        </div>
      </div>
    </div>
  );
}

/** "Run only if … passed": toggles for each earlier scorer. */
function GateSelector({ draft, earlier, onChange, expensive }: { draft: ScorerDraft; earlier: ScorerDraft[]; onChange: (gate: string[]) => void; expensive: boolean }) {
  const selected = new Set(draft.gate);
  return (
    <div
      className={cn(
        "flex flex-col gap-1.5",
        selected.size > 0 ? "rounded-md bg-violet-50/60 px-2.5 py-2 ring-1 ring-violet-100 ring-inset" : expensive ? "rounded-md bg-amber-50/40 px-2.5 py-2 ring-1 ring-amber-100 ring-inset" : "border-t border-zinc-100 pt-2.5",
      )}
    >
      <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label={`Run ${draft.name} only if these passed`}>
        <span className="mr-1 text-xs font-medium text-zinc-700">Run only if passed:</span>
        {earlier.map((other) => {
          const on = selected.has(other.id);
          return (
            <button
              key={other.id}
              type="button"
              role="checkbox"
              aria-checked={on}
              onClick={() => onChange(on ? draft.gate.filter((id) => id !== other.id) : [...draft.gate, other.id])}
              className={cn(
                "inline-flex h-6 max-w-48 items-center gap-1 truncate rounded-full px-2.5 text-xs font-medium ring-1 transition-colors ring-inset",
                on ? "bg-violet-600 text-white ring-violet-600" : "bg-white text-zinc-600 ring-zinc-200 hover:text-zinc-900 hover:ring-zinc-300",
              )}
            >
              {on ? "✓ " : ""}
              {other.name || SCORER_TYPES[other.type].label}
            </button>
          );
        })}
      </div>
      {(selected.size > 0 || expensive) && (
        <p className="text-[11px] leading-snug text-zinc-500">
          {selected.size > 0
            ? `Outputs that fail ${selected.size === 1 ? "it" : "any of these"} are recorded as skipped for this scorer, not scored — ${expensive ? "no call is spent on them" : "so it only grades what passed"}.`
            : "Runs on every output. Tip: gate it on the cheap checks above so it only spends calls on outputs that passed them."}
        </p>
      )}
    </div>
  );
}

function Grid({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn("grid gap-3", className)}>{children}</div>;
}

function Options({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap gap-x-4 gap-y-2">{children}</div>;
}

/** The fields for the draft's type. Called (not rendered) by the card so its `err` calls mark which messages have a home. */
function renderParams(draft: ScorerDraft, onChange: (patch: Partial<ScorerDraft>) => void, err: (key: string) => string | undefined, errors: FieldErrors): ReactNode {
  const numberField = (label: string, key: NumberKey, hint?: ReactNode, placeholder?: string) => (
    <Field label={label} error={err(`params.${key}`)} hint={hint}>
      {(ids) => <Input {...ids} inputMode="decimal" className="tabular-nums" placeholder={placeholder} value={draft[key]} onChange={(e) => onChange({ [key]: e.target.value } as Partial<ScorerDraft>)} />}
    </Field>
  );
  const caseSensitive = <Checkbox label="Case sensitive" checked={draft.caseSensitive} onChange={(v) => onChange({ caseSensitive: v })} />;
  const codeFence = <Checkbox label="Accept ```json fences" checked={draft.allowCodeFence} onChange={(v) => onChange({ allowCodeFence: v })} />;

  switch (draft.type) {
    case "exact-match":
      return (
        <Options>
          {caseSensitive}
          <Checkbox label="Trim whitespace" checked={draft.trim} onChange={(v) => onChange({ trim: v })} />
          <Checkbox label="Collapse inner whitespace" checked={draft.collapseWhitespace} onChange={(v) => onChange({ collapseWhitespace: v })} />
        </Options>
      );
    case "levenshtein":
      return <Options>{caseSensitive}</Options>;
    case "contains": {
      const valuesError = err("params.values") ?? Object.entries(errors).find(([key]) => key.startsWith("params.values."))?.[1];
      Object.keys(errors)
        .filter((key) => key.startsWith("params.values.") || key === "params.value")
        .forEach((key) => err(key));
      return (
        <>
          <Field label="Must contain" error={valuesError} hint="One text per line. Empty: the item's expected output (a text, or a list of texts).">
            {(ids) => <Textarea {...ids} rows={3} className="font-mono text-xs" spellCheck={false} value={draft.values} onChange={(e) => onChange({ values: e.target.value })} placeholder={"Paris\ncapital"} />}
          </Field>
          <div className="flex flex-wrap items-center gap-4">
            <Segmented
              label="Match mode"
              value={draft.mode}
              onChange={(mode) => onChange({ mode })}
              items={[
                { value: "all", label: "All — share found" },
                { value: "any", label: "Any — one is enough" },
              ]}
            />
            {caseSensitive}
          </div>
        </>
      );
    }
    case "regex":
      return (
        <>
          <Grid className="grid-cols-[minmax(0,1fr)_6rem]">
            <Field label="Pattern" error={err("params.pattern")} hint="JavaScript syntax on a linear-time engine: no lookaround or backreferences.">
              {(ids) => <Input {...ids} className="font-mono text-xs" spellCheck={false} value={draft.pattern} onChange={(e) => onChange({ pattern: e.target.value })} placeholder="^\d{4}-\d{2}-\d{2}$" />}
            </Field>
            <Field label="Flags" error={err("params.flags")} hint="i, m, s">
              {(ids) => <Input {...ids} className="font-mono text-xs" spellCheck={false} value={draft.flags} onChange={(e) => onChange({ flags: e.target.value })} placeholder="i" />}
            </Field>
          </Grid>
          <Options>
            <Checkbox label="Must not match — score 1 when the pattern is absent (banned phrases)" checked={draft.mustNotMatch} onChange={(v) => onChange({ mustNotMatch: v })} />
          </Options>
        </>
      );
    case "length-bounds":
      return (
        <Grid className="grid-cols-2">
          {numberField("Min characters", "min", "Empty: no minimum.")}
          {numberField("Max characters", "max", "Empty: no maximum.")}
        </Grid>
      );
    case "json-valid":
      return <Options>{codeFence}</Options>;
    case "json-schema":
      return (
        <>
          <Field label="JSON Schema" error={err("params.schema")} hint="Draft-07 unless $schema names 2019-09 or 2020-12.">
            {(ids) => <Textarea {...ids} rows={6} className="font-mono text-xs" spellCheck={false} value={draft.schema} onChange={(e) => onChange({ schema: e.target.value })} />}
          </Field>
          <Options>
            <Checkbox label="Parse text outputs as JSON" checked={draft.parseStringOutput} onChange={(v) => onChange({ parseStringOutput: v })} />
            {codeFence}
          </Options>
        </>
      );
    case "json-equal":
      return (
        <Options>
          <Checkbox label="Ignore extra keys in the output" checked={draft.ignoreExtraKeys} onChange={(v) => onChange({ ignoreExtraKeys: v })} />
          {codeFence}
        </Options>
      );
    case "numeric-closeness":
      return (
        <>
          <Grid className="grid-cols-3">
            {numberField("Absolute tolerance", "absoluteTolerance", "e.g. 0.5", "0")}
            {numberField("Relative tolerance", "relativeTolerance", "0.05 = 5%; the larger wins", "0")}
            {numberField("Expected number", "expected", "Empty: the expected output.")}
          </Grid>
          <Grid className="grid-cols-2">
            <Field label="Past the tolerance" error={err("params.falloff")}>
              {(ids) => (
                <Select {...ids} value={draft.falloff} onChange={(e) => onChange({ falloff: e.target.value as ScorerDraft["falloff"] })}>
                  <option value="linear">Fall linearly to 0 at twice it</option>
                  <option value="none">Score 0</option>
                </Select>
              )}
            </Field>
            <Field label="Number in a text output" error={err("params.extract")}>
              {(ids) => (
                <Select {...ids} value={draft.extract} onChange={(e) => onChange({ extract: e.target.value as ScorerDraft["extract"] })}>
                  <option value="whole">The whole text</option>
                  <option value="first">The first number in it</option>
                  <option value="last">The last number in it</option>
                </Select>
              )}
            </Field>
          </Grid>
        </>
      );
    case "latency-budget":
      return (
        <Grid className="grid-cols-2">
          {numberField("Budget (ms)", "budgetMs")}
          <Field label="Over budget" error={err("params.decay")}>
            {(ids) => (
              <Select {...ids} value={draft.decay} onChange={(e) => onChange({ decay: e.target.value as ScorerDraft["decay"] })}>
                <option value="step">Score 0</option>
                <option value="linear">Fall linearly to 0 at twice it</option>
              </Select>
            )}
          </Field>
        </Grid>
      );
    case "llm-judge":
      return (
        <>
          <Field
            label="Judge base URL"
            error={err("params.baseUrl")}
            hint={
              <span className="flex flex-wrap items-center gap-1.5">
                {OPENAI_BASE_URL_PRESETS.map((preset) => (
                  <button key={preset.label} type="button" title={preset.url} onClick={() => onChange({ baseUrl: preset.url })} className="rounded-full bg-white px-2 py-px text-[11px] font-medium text-zinc-600 ring-1 ring-zinc-200 ring-inset hover:text-zinc-900">
                    {preset.label}
                  </button>
                ))}
              </span>
            }
          >
            {(ids) => <Input {...ids} className="font-mono text-xs" spellCheck={false} value={draft.baseUrl} onChange={(e) => onChange({ baseUrl: e.target.value })} />}
          </Field>
          <Grid className="grid-cols-2">
            <Field label="Judge API key" error={err("params.apiKey")} hint="Secret: masked everywhere after the run starts.">
              {(ids) => <SecretInput {...ids} value={draft.apiKey} onChange={(e) => onChange({ apiKey: e.target.value })} placeholder="sk-… (empty for local servers)" />}
            </Field>
            <Field label="Judge model" error={err("params.model")}>
              {(ids) => <Input {...ids} className="font-mono text-xs" spellCheck={false} value={draft.model} onChange={(e) => onChange({ model: e.target.value })} />}
            </Field>
          </Grid>
          <Field
            label="Rubric"
            error={err("params.rubric")}
            hint={
              <>
                Must include <Placeholder>output</Placeholder>; may use <Placeholder>input</Placeholder>, <Placeholder>expectedOutput</Placeholder>, <Placeholder>metadata.x</Placeholder>. The judge
                replies with a score on the scale below.
              </>
            }
          >
            {(ids) => <Textarea {...ids} rows={6} className="font-mono text-xs" spellCheck={false} value={draft.rubric} onChange={(e) => onChange({ rubric: e.target.value })} />}
          </Field>
          <Grid className="grid-cols-2">
            <Field label="Scale" error={err("params.scale")} hint="Converted to 0–1.">
              {(ids) => (
                <Select {...ids} value={draft.scale} onChange={(e) => onChange({ scale: e.target.value as JudgeScale })}>
                  {JUDGE_SCALES.map((scale) => (
                    <option key={scale} value={scale}>
                      {scale}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            {numberField("Temperature", "temperature", "Default 0: repeatable grades.", "0")}
          </Grid>
        </>
      );
    case "http": {
      const headerErrors = scopeErrors(errors, "params.headers.");
      Object.keys(errors)
        .filter((key) => key.startsWith("params.headers"))
        .forEach((key) => err(key));
      return (
        <>
          <Grid className="grid-cols-[minmax(0,1fr)_9rem]">
            <Field label="Scorer URL" error={err("params.url")} hint="Receives POST { input, output, expectedOutput, metadata }; replies { score: 0–1, reason? }.">
              {(ids) => <Input {...ids} className="font-mono text-xs" spellCheck={false} value={draft.url} onChange={(e) => onChange({ url: e.target.value })} placeholder="https://scorer.internal/score" />}
            </Field>
            {numberField("Timeout (ms)", "timeoutMs", undefined, "30000")}
          </Grid>
          <HeadersEditor rows={draft.headers} onChange={(headers) => onChange({ headers })} errors={{ ...headerErrors, ...(errors["params.headers"] ? { "": errors["params.headers"] } : {}) }} />
        </>
      );
    }
  }
}

/** "Add scorer": every type, grouped, with what it does. */
export function AddScorerPicker({ onAdd }: { onAdd: (type: ScorerType) => void }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <div>
        <Button size="sm" onClick={() => setOpen(true)}>
          <PlusIcon width={12} height={12} /> Add scorer
        </Button>
      </div>
    );
  }
  return (
    <div className="rounded-lg border border-zinc-200 bg-zinc-50/60 p-3" data-testid="scorer-picker">
      <div className="mb-2 flex items-center justify-between">
        <span className="text-xs font-medium text-zinc-700">Add a scorer</span>
        <IconButton label="Close scorer list" onClick={() => setOpen(false)}>
          <XIcon />
        </IconButton>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        {SCORER_GROUPS.map((group) => (
          <div key={group.label} className="flex flex-col gap-1">
            <span className="px-1 text-[10px] font-medium tracking-wide text-zinc-500 uppercase">{group.label}</span>
            {group.types.map((type) => (
              <button
                key={type}
                type="button"
                onClick={() => {
                  onAdd(type);
                  setOpen(false);
                }}
                className="rounded-md px-2 py-1.5 text-left transition-colors hover:bg-white hover:shadow-xs hover:ring-1 hover:ring-zinc-200"
              >
                <span className="block text-[13px] font-medium text-zinc-900">{SCORER_TYPES[type].label}</span>
                <span className="block text-[11px] leading-snug text-zinc-500">{SCORER_TYPES[type].description}</span>
              </button>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
