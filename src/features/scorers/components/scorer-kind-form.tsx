import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Checkbox, Field, Input } from "@/components/ui/field";
import type { HeaderRow } from "@/features/targets/components";
import type { FieldErrors } from "@/lib/trpc/errors";
import type { ScorerConfigInput, ScorerType } from "../schemas";

/** What a kind's params look like before validation, as the form hands them to the shared schema. */
export type ScorerParamsInput<T extends ScorerType> = Extract<ScorerConfigInput, { type: T }>["params"];

/**
 * Reads a draft's text boxes into params. Problems only the form can see (a
 * number box holding text, a duplicate header) are recorded next to their
 * field, `params.<field>`.
 */
export interface ParamsReader {
  /** Empty means "not set" (the schema's default); anything else must be a number. */
  number(field: string, raw: string): number | undefined;
  headers(field: string, rows: HeaderRow[]): Record<string, string>;
  error(field: string, message: string): void;
}

export interface ScorerFieldsProps<D> {
  /** This scorer's params as the form edits them. */
  draft: D;
  set: (patch: Partial<D>) => void;
  /** The message for `params.<field>`, marking it as shown; the card lists the messages no field claimed. */
  err: (field: string) => string | undefined;
  /** This scorer's params errors keyed from `params` (`values.0`, `headers.1`), for fields that show a group of them. */
  errors: FieldErrors;
}

/**
 * The form side of a scorer kind, beside its declaration in kinds/<type>.ts
 * and registered in scorer-forms.ts. Methods, not function properties, so a
 * form for one kind's draft fits the registry's general type.
 */
export interface ScorerKindForm<T extends ScorerType, D extends object> {
  /** The params of a new scorer of this kind: text boxes as text, defaults filled in. */
  newDraft(): D;
  /** The params the draft describes, not yet validated (the caller runs the shared schema). */
  toParams(draft: D, read: ParamsReader): ScorerParamsInput<T>;
  /**
   * The kind's fields. Called (not rendered) by the card, so that its `err`
   * calls mark which messages have a home: call `err` here, not inside a child
   * component.
   */
  fields(props: ScorerFieldsProps<D>): ReactNode;
}

type KeysHolding<D, V> = { [K in keyof D]-?: D[K] extends V ? K : never }[keyof D] & string;

export function Grid({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn("grid gap-3", className)}>{children}</div>;
}

export function Options({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap gap-x-4 gap-y-2">{children}</div>;
}

/** A number box for a text field of the draft. */
export function numberField<D>(props: ScorerFieldsProps<D>, label: string, field: KeysHolding<D, string>, hint?: ReactNode, placeholder?: string): ReactNode {
  return (
    <Field label={label} error={props.err(field)} hint={hint}>
      {(ids) => (
        <Input
          {...ids}
          inputMode="decimal"
          className="tabular-nums"
          placeholder={placeholder}
          value={props.draft[field] as string}
          onChange={(e) => props.set({ [field]: e.target.value } as Partial<D>)}
        />
      )}
    </Field>
  );
}

/** A checkbox for a switch of the draft. */
export function checkboxField<D>(props: ScorerFieldsProps<D>, label: string, field: KeysHolding<D, boolean>): ReactNode {
  return <Checkbox label={label} checked={props.draft[field] as boolean} onChange={(checked) => props.set({ [field]: checked } as Partial<D>)} />;
}
