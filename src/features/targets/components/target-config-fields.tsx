"use client";

import { cn } from "@/components/ui/cn";
import { RadioGroup } from "@/components/ui/radio-group";
import type { FieldErrors } from "@/lib/trpc/errors";
import { TARGET_KIND_LIST } from "../kinds";
import { TARGET_KINDS, type TargetKind } from "../schemas";
import { KindFields } from "./kind-fields";
import type { TargetDraft } from "./target-form";

/** Every kind, in the order of kinds/index.ts. */
export const ALL_TARGET_KINDS: readonly TargetKind[] = TARGET_KIND_LIST.map((kind) => kind.kind);

// Moved beside the other helpers of the kinds' forms; re-exported for existing imports.
export { Placeholder } from "./kind-fields";

/** Radio cards, one per kind, with what each does. */
export function TargetKindPicker({
  value,
  onChange,
  kinds = ALL_TARGET_KINDS,
}: {
  value: TargetKind;
  onChange: (kind: TargetKind) => void;
  kinds?: readonly TargetKind[];
}) {
  return (
    <RadioGroup
      label="Target kind"
      options={kinds}
      value={value}
      onChange={onChange}
      className="grid grid-cols-1 gap-2 sm:grid-cols-2"
      radioClassName={(selected) =>
        cn(
          "rounded-lg border px-3 py-2.5 text-left transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500",
          selected ? "border-zinc-900 bg-zinc-50 ring-1 ring-zinc-900" : "border-zinc-200 hover:border-zinc-300 hover:bg-zinc-50",
        )
      }
    >
      {(kind) => (
        <>
          <span className="block text-[13px] font-medium text-zinc-900">{TARGET_KINDS[kind].label}</span>
          <span className="mt-0.5 block text-xs leading-snug text-zinc-500">{TARGET_KINDS[kind].description}</span>
        </>
      )}
    </RadioGroup>
  );
}

const FORM_BY_KIND = new Map(TARGET_KIND_LIST.map((kind) => [kind.kind as TargetKind, kind.form]));

/**
 * The fields of one target kind (the `form` of kinds/<kind>.ts). `errors`
 * are keyed relative to the config (`url`, `pricing.promptPer1k`,
 * `headers.0`), so the same fields serve the Targets page (`config.*`) and the
 * run dialog (`target.*`).
 */
export function TargetConfigFields({ draft, onChange, errors }: { draft: TargetDraft; onChange: (next: TargetDraft) => void; errors: FieldErrors }) {
  const slot = draft.slots[draft.kind];
  return (
    <KindFields
      form={FORM_BY_KIND.get(draft.kind) ?? []}
      className="gap-4"
      draft={slot}
      set={(key, value) => onChange({ ...draft, slots: { ...draft.slots, [draft.kind]: { ...slot, [key]: value } } })}
      errors={errors}
    />
  );
}
