"use client";

import { cn } from "@/components/ui/cn";
import { RadioGroup } from "@/components/ui/radio-group";
import type { TargetDto } from "../schemas";
import { targetSummary } from "./target-form";
import { TargetKindBadge } from "./target-kind-badge";
import { FieldError } from "@/components/ui/field";

/** Saved targets as a radio list: name, kind, where it points. */
export function SavedTargetList({ targets, value, onChange, error }: { targets: TargetDto[]; value: string; onChange: (id: string) => void; error?: string }) {
  const byId = new Map(targets.map((target) => [target.id, target]));
  return (
    <div className="flex flex-col gap-1.5">
      <RadioGroup
        label="Saved target"
        aria-invalid={error ? true : undefined}
        options={targets.map((target) => target.id)}
        value={value}
        onChange={onChange}
        className={cn("max-h-60 overflow-y-auto rounded-lg border", error ? "border-red-300" : "border-zinc-200")}
        radioTestId="saved-target-option"
        radioClassName={(selected) =>
          cn(
            "flex w-full items-center gap-3 border-b border-zinc-100 px-3 py-2 text-left transition-colors last:border-0 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-500",
            selected ? "bg-zinc-50 shadow-[inset_2px_0_0_0_var(--color-zinc-900)]" : "hover:bg-zinc-50/70",
          )
        }
      >
        {(id, selected) => {
          const target = byId.get(id)!;
          return (
            <>
              <span
                className={cn("flex size-3.5 shrink-0 items-center justify-center rounded-full border", selected ? "border-zinc-900" : "border-zinc-300")}
                aria-hidden="true"
              >
                {selected && <span className="size-1.5 rounded-full bg-zinc-900" />}
              </span>
              <span className="min-w-0 flex-1">
                <span className="block truncate text-[13px] font-medium text-zinc-900">{target.name}</span>
                <span className="block truncate font-mono text-[11px] text-zinc-500">{targetSummary(target.config)}</span>
              </span>
              <TargetKindBadge kind={target.kind} />
            </>
          );
        }}
      </RadioGroup>
      {error && <FieldError>{error}</FieldError>}
    </div>
  );
}
