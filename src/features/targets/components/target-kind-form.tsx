import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Field, Input } from "@/components/ui/field";
import { scopeErrors, type FieldErrors } from "@/lib/trpc/errors";
import type { TargetConfig, TargetConfigInput, TargetKind } from "../schemas";
import type { HeaderRow } from "./draft-inputs";

/**
 * Reads a draft's text boxes into a config. Problems only the form can see (a
 * number box holding text, a duplicate header) are recorded next to their
 * field, keyed from the config (`timeoutMs`, `headers.0`).
 */
export interface ConfigReader {
  /** Empty means "not set" (the schema's default); anything else must be a number. */
  number(path: string, raw: string): number | undefined;
  headers(path: string, rows: HeaderRow[]): Record<string, string>;
  error(path: string, message: string): void;
}

export interface TargetFieldsProps<D> {
  /** This kind's part of the draft. */
  draft: D;
  set: (patch: Partial<D>) => void;
  /** Keyed from the config (`url`, `pricing.promptPer1k`, `headers.0`). */
  errors: FieldErrors;
}

/**
 * The form side of a target kind, beside its declaration in kinds/<kind>.ts
 * and registered in target-forms.ts. Methods, not function properties, so a
 * form for one kind's draft fits the registry's general type.
 */
export interface TargetKindForm<K extends TargetKind, D extends object> {
  /** This kind's part of a new target's draft: text boxes as text, defaults filled in. */
  newDraft(): D;
  /** This kind's part of the draft for a saved (masked) config. */
  fromConfig(config: Extract<TargetConfig, { kind: K }>): D;
  /** The config the draft describes, not yet validated (the caller runs the shared schema). */
  toConfig(draft: D, read: ConfigReader): Extract<TargetConfigInput, { kind: K }>;
  fields(props: TargetFieldsProps<D>): ReactNode;
  /**
   * The error paths its fields show, keyed from the config; `x.*` stands for
   * any path under `x`. The run dialog lists the others in a callout.
   */
  fieldPaths: readonly string[];
}

/** `{{input}}` written as text: JSX would read the braces as an expression. */
export const Placeholder = ({ children }: { children: string }) => (
  <code className="rounded bg-zinc-100 px-1 py-px font-mono text-[11px] text-zinc-700">{`{{${children}}}`}</code>
);

export function Row({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn("grid gap-3", className)}>{children}</div>;
}

/** A number box; `path` is where its errors are keyed. */
export function numberInput(
  errors: FieldErrors,
  label: string,
  path: string,
  value: string,
  set: (value: string) => void,
  hint?: ReactNode,
  placeholder?: string,
): ReactNode {
  return (
    <Field label={label} error={errors[path]} hint={hint}>
      {(ids) => <Input {...ids} inputMode="decimal" value={value} placeholder={placeholder} onChange={(e) => set(e.target.value)} className="tabular-nums" />}
    </Field>
  );
}

/** The errors of a headers editor: each row's, and the map's own as the editor's general one. */
export function headerErrors(errors: FieldErrors): FieldErrors {
  return scopeErrors({ ...errors, ...(errors.headers ? { "headers.": errors.headers } : {}) }, "headers.");
}
