"use client";

import { useState } from "react";
import { formErrorPaths, pathShown } from "@/components/kind-form/fields";
import { Badge } from "@/components/ui/badge";
import { Button, IconButton } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, FieldError, Input } from "@/components/ui/field";
import { GateIcon, PlusIcon, TrashIcon, XIcon } from "@/components/ui/icons";
import { KindFields } from "@/features/targets/components";
import { scopeErrors, type FieldErrors } from "@/lib/trpc/errors";
import type { ScorerType } from "../schemas";
import { SCORER_TYPES } from "../scorer-types";
import { EXPENSIVE_SCORERS, SCORER_GROUPS, scorerForm, type ScorerDraft } from "./scorer-form";

/** "a", "a and b", "a, b and c". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * One scorer: name, threshold, the params of its type (its kind's form), and the gate. `errors`
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
  // The kind's fields show the messages under their keys; the leftovers are listed below.
  const form = scorerForm(draft.type);
  const shown = formErrorPaths(form);
  Object.keys(errors)
    .filter((key) => key.startsWith("params.") && pathShown(shown, key.slice("params.".length)))
    .forEach((key) => claimed.add(key));
  const params = (
    <KindFields
      form={form}
      draft={draft.params}
      set={(key, value) => onChange({ params: { ...draft.params, [key]: value } })}
      errors={scopeErrors(errors, "params.")}
    />
  );
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
            <span className="mt-px flex size-5 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-[11px] font-semibold text-zinc-600 tabular-nums">
              {index + 1}
            </span>
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
              {(ids) => (
                <Input
                  {...ids}
                  inputMode="decimal"
                  value={draft.threshold}
                  onChange={(e) => onChange({ threshold: e.target.value })}
                  className="tabular-nums"
                />
              )}
            </Field>
          </div>
          {params}
          {index > 0 && <GateSelector draft={draft} earlier={earlier} onChange={(gate) => onChange({ gate })} expensive={expensive} />}
          {gateErrors.map(([key, message]) => (
            <FieldError key={key}>{message}</FieldError>
          ))}
          {leftover.map(([key, message]) => (
            <FieldError key={key}>
              {key.replace(/^params\./, "")}: {message}
            </FieldError>
          ))}
        </div>
      </div>
    </div>
  );
}

/** "Run only if … passed": toggles for each earlier scorer. */
function GateSelector({
  draft,
  earlier,
  onChange,
  expensive,
}: {
  draft: ScorerDraft;
  earlier: ScorerDraft[];
  onChange: (gate: string[]) => void;
  expensive: boolean;
}) {
  const selected = new Set(draft.gate);
  return (
    <div
      className={cn(
        "flex flex-col gap-1.5",
        selected.size > 0
          ? "rounded-md bg-violet-50/60 px-2.5 py-2 ring-1 ring-violet-100 ring-inset"
          : expensive
            ? "rounded-md bg-amber-50/40 px-2.5 py-2 ring-1 ring-amber-100 ring-inset"
            : "border-t border-zinc-100 pt-2.5",
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
