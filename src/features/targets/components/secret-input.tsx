"use client";

import type { InputHTMLAttributes } from "react";
import { Button, IconButton } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FieldError, Input } from "@/components/ui/field";
import { LockIcon, PlusIcon, TrashIcon } from "@/components/ui/icons";
import type { FieldErrors } from "@/lib/trpc/errors";
import { SECRET_MASK } from "../schemas";
import { nextDraftId, type HeaderRow } from "./draft-inputs";

export const isMasked = (value: string) => value === SECRET_MASK;

/**
 * A secret's box. A stored secret arrives as the mask and is sent back as the
 * mask (the server then keeps what it has); focusing it selects the mask, so
 * typing replaces it instead of appending to the dots.
 */
export function SecretInput({ value, className, type = "password", ...props }: Omit<InputHTMLAttributes<HTMLInputElement>, "value"> & { value: string }) {
  const masked = isMasked(value);
  return (
    <div className="relative">
      <Input
        {...props}
        type={masked ? "text" : type}
        value={value}
        autoComplete="off"
        spellCheck={false}
        data-secret={masked ? "stored" : undefined}
        onFocus={(e) => {
          if (isMasked(e.currentTarget.value)) e.currentTarget.select();
          props.onFocus?.(e);
        }}
        className={cn("font-mono text-xs", masked && "pr-20 tracking-widest text-zinc-500", className)}
      />
      {masked && (
        <span className="pointer-events-none absolute top-1/2 right-2 inline-flex -translate-y-1/2 items-center gap-1 rounded bg-zinc-100 px-1.5 py-0.5 text-[10px] font-medium tracking-normal text-zinc-500">
          <LockIcon width={10} height={10} /> Stored
        </span>
      )}
    </div>
  );
}

/**
 * Header rows whose values are secrets. Errors come keyed by row index (the
 * form's own checks) or by header name (the server's); both show under the
 * rows, the row's own next to it.
 */
export function HeadersEditor({
  rows,
  onChange,
  errors,
  label = "Headers",
  hint,
}: {
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
  errors: FieldErrors;
  label?: string;
  hint?: string;
}) {
  const rowError = (index: number, row: HeaderRow) => errors[String(index)] ?? (row.name ? errors[row.name.trim()] : undefined);
  const claimed = new Set(rows.flatMap((row, index) => [String(index), row.name.trim()]));
  const other = Object.entries(errors).filter(([key]) => !claimed.has(key));
  const set = (id: string, patch: Partial<HeaderRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));

  return (
    <div className="flex flex-col gap-2" data-testid="headers-editor">
      <div className="flex items-baseline justify-between gap-3">
        <span className="text-xs font-medium text-zinc-700">{label}</span>
        {rows.length > 0 && <span className="text-[11px] text-zinc-500">Values are secrets: encrypted at rest, never shown again</span>}
      </div>
      {rows.map((row, index) => {
        const error = rowError(index, row);
        return (
          <div key={row.id} className="flex flex-col gap-1">
            <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] items-center gap-2">
              <Input
                aria-label={`Header ${index + 1} name`}
                placeholder="Authorization"
                className="font-mono text-xs"
                value={row.name}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={error ? true : undefined}
                onChange={(e) => set(row.id, { name: e.target.value })}
              />
              <SecretInput
                aria-label={`Header ${index + 1} value`}
                type="text"
                placeholder="Bearer …"
                value={row.value}
                onChange={(e) => set(row.id, { value: e.target.value })}
              />
              <IconButton label={`Remove header ${index + 1}`} onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
                <TrashIcon />
              </IconButton>
            </div>
            {error && <FieldError>{error}</FieldError>}
          </div>
        );
      })}
      {other.map(([key, message]) => (
        <FieldError key={key}>
          {key ? `${key}: ` : ""}
          {message}
        </FieldError>
      ))}
      <div className="flex items-center gap-3">
        <Button size="sm" onClick={() => onChange([...rows, { id: nextDraftId(), name: "", value: "", storedName: null }])}>
          <PlusIcon width={12} height={12} /> Add header
        </Button>
        {hint && <span className="text-xs text-zinc-500">{hint}</span>}
      </div>
    </div>
  );
}
