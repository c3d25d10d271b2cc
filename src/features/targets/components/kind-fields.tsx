"use client";

import type { ReactNode } from "react";
import {
  choicesOf,
  type DraftValue,
  type FieldSpec,
  type FormItem,
  type FormSpec,
  type HeaderRow,
  type KindDraft,
  type Presets,
} from "@/components/kind-form/fields";
import { cn } from "@/components/ui/cn";
import { Checkbox, CodeTextarea, Field, FieldError, Input, Select, Textarea } from "@/components/ui/field";
import { Segmented } from "@/components/ui/tabs";
import { scopeErrors, type FieldErrors } from "@/lib/trpc/errors";
import { HeadersEditor, SecretInput } from "./secret-input";

/** `{{input}}` written as text: JSX would read the braces as an expression. */
export const Placeholder = ({ children }: { children: string }) => (
  <code className="rounded bg-zinc-100 px-1 py-px font-mono text-[11px] text-zinc-700">{`{{${children}}}`}</code>
);

/** A hint's text, with `{{name}}` as a placeholder and `` `code` `` as code. */
export function HintText({ text }: { text: string }) {
  return text.split(/(\{\{[^}]+\}\}|`[^`]+`)/).map((part, index) => {
    if (part.startsWith("{{") && part.endsWith("}}")) return <Placeholder key={index}>{part.slice(2, -2)}</Placeholder>;
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1)
      return (
        <code key={index} className="font-mono text-[11px]">
          {part.slice(1, -1)}
        </code>
      );
    return part;
  });
}

interface Props {
  draft: KindDraft;
  set: (key: string, value: DraftValue) => void;
  /** Keyed from the params (`url`, `pricing.promptPer1k`, `headers.0`). */
  errors: FieldErrors;
}

const hintOf = (hint: string | undefined) => (hint ? <HintText text={hint} /> : undefined);

function PresetButtons({ presets, value, onPick }: { presets: Presets; value: string; onPick: (value: string) => void }) {
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      {presets.before}
      {presets.items.map((preset) => (
        <button
          key={preset.label}
          type="button"
          onClick={() => onPick(preset.value)}
          title={preset.value}
          className={cn(
            "rounded-full px-2 py-px text-[11px] font-medium ring-1 ring-inset transition-colors",
            value === preset.value ? "bg-zinc-900 text-white ring-zinc-900" : "bg-white text-zinc-600 ring-zinc-200 hover:bg-zinc-50 hover:text-zinc-900",
          )}
        >
          {preset.label}
        </button>
      ))}
      {presets.after && <span className="text-zinc-500">{presets.after}</span>}
    </span>
  );
}

/** The first error of a list field: its own, else the first of its entries'. */
function listError(errors: FieldErrors, key: string): string | undefined {
  return errors[key] ?? Object.entries(errors).find(([path]) => path.startsWith(`${key}.`))?.[1];
}

function control(field: FieldSpec, { draft, set, errors }: Props): ReactNode {
  const value = draft[field.key];
  const str = typeof value === "string" ? value : "";
  const setTo = (next: DraftValue) => set(field.key, next);
  switch (field.control) {
    case "checkbox":
      return (
        <div key={field.key} className="flex flex-col gap-1">
          <Checkbox label={field.label} checked={value === true} onChange={setTo} />
          {errors[field.key] && <FieldError>{errors[field.key]}</FieldError>}
        </div>
      );
    case "headers":
      return (
        <HeadersEditor
          key={field.key}
          label={field.label}
          hint={field.hint}
          rows={Array.isArray(value) ? value : []}
          onChange={(rows: HeaderRow[]) => setTo(rows)}
          errors={scopeErrors({ ...errors, ...(errors[field.key] ? { [`${field.key}.`]: errors[field.key]! } : {}) }, `${field.key}.`)}
        />
      );
    case "segmented":
      return <Segmented key={field.key} label={field.label} value={str} onChange={setTo} items={choicesOf(field.options)} />;
  }
  const error = field.control === "lines" ? listError(errors, field.key) : errors[field.key];
  const hint = field.control === "text" && field.presets ? <PresetButtons presets={field.presets} value={str} onPick={setTo} /> : hintOf(field.hint);
  return (
    <Field key={field.key} label={field.label} error={error} hint={hint}>
      {(ids) => {
        const common = { ...ids, value: str, onChange: (e: { target: { value: string } }) => setTo(e.target.value) };
        switch (field.control) {
          case "text":
            return (
              <Input {...common} placeholder={field.placeholder} autoComplete="off" spellCheck={false} className={cn(field.mono && "font-mono text-xs")} />
            );
          case "secret":
            return <SecretInput {...common} placeholder={field.placeholder} />;
          case "number":
            return <Input {...common} inputMode="decimal" placeholder={field.placeholder} className="tabular-nums" />;
          case "integers":
            return <Input {...common} className="font-mono text-xs tabular-nums" spellCheck={false} />;
          case "select":
            return (
              <Select {...common}>
                {choicesOf(field.options).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            );
          case "textarea":
            return field.code ? (
              <CodeTextarea {...common} rows={field.rows} placeholder={field.placeholder} />
            ) : (
              <Textarea {...common} rows={field.rows} placeholder={field.placeholder} />
            );
          case "json":
            return <CodeTextarea {...common} rows={field.rows} />;
          case "lines":
            return <CodeTextarea {...common} rows={field.rows} placeholder={field.placeholder} />;
        }
      }}
    </Field>
  );
}

function item(entry: FormItem, index: number, props: Props): ReactNode {
  if ("control" in entry) return control(entry, props);
  if ("note" in entry)
    return (
      <p key={`note-${index}`} className="rounded-md bg-zinc-50 px-3 py-2.5 text-xs text-zinc-600 ring-1 ring-zinc-200 ring-inset">
        {entry.note}
      </p>
    );
  if ("row" in entry)
    return (
      <div key={`row-${index}`} className={cn("grid gap-3", entry.grid)}>
        {entry.row.map((field) => control(field, props))}
      </div>
    );
  return (
    <div key={`inline-${index}`} className="flex flex-wrap items-center gap-x-4 gap-y-2">
      {entry.inline.map((field) => control(field, props))}
    </div>
  );
}

/**
 * A kind's fields, from its form spec (kinds/<kind>.ts): scorers and targets
 * render theirs here. `errors` are keyed from the params.
 */
export function KindFields({ form, className, ...props }: Props & { form: FormSpec; className?: string }) {
  return <div className={cn("flex flex-col gap-3", className)}>{form.map((entry, index) => item(entry, index, props))}</div>;
}
