"use client";

import type { KeyboardEvent, ReactNode } from "react";
import { cn } from "./cn";
import { RadioGroup } from "./radio-group";

interface TabItem<T extends string> {
  value: T;
  label: ReactNode;
  count?: number;
}

/** Underlined tabs with arrow-key navigation (WAI-ARIA tabs pattern, manual activation). */
export function Tabs<T extends string>({ items, value, onChange, label }: { items: TabItem<T>[]; value: T; onChange: (value: T) => void; label: string }) {
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    const index = items.findIndex((item) => item.value === value);
    const next = items[(index + (event.key === "ArrowRight" ? 1 : -1) + items.length) % items.length];
    if (next) onChange(next.value);
  }
  return (
    <div role="tablist" aria-label={label} className="flex items-center gap-5 border-b border-zinc-200" onKeyDown={onKeyDown}>
      {items.map((item) => {
        const selected = item.value === value;
        return (
          <button
            key={item.value}
            type="button"
            role="tab"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(item.value)}
            className={cn(
              "-mb-px flex h-9 items-center gap-1.5 border-b-2 text-[13px] font-medium transition-colors",
              selected ? "border-zinc-900 text-zinc-900" : "border-transparent text-zinc-500 hover:text-zinc-800",
            )}
          >
            {item.label}
            {item.count !== undefined && (
              <span className="rounded-full bg-zinc-100 px-1.5 text-[11px] text-zinc-600 tabular-nums">{item.count.toLocaleString()}</span>
            )}
          </button>
        );
      })}
    </div>
  );
}

/** A compact segmented control for filters. */
export function Segmented<T extends string>({ items, value, onChange, label }: { items: TabItem<T>[]; value: T; onChange: (value: T) => void; label: string }) {
  const byValue = new Map(items.map((item) => [item.value, item]));
  return (
    <RadioGroup
      label={label}
      options={items.map((item) => item.value)}
      value={value}
      onChange={onChange}
      className="inline-flex max-w-full flex-wrap items-center rounded-md border border-zinc-200 bg-zinc-50 p-0.5"
      radioClassName={(checked) =>
        cn(
          "flex h-6 items-center gap-1.5 rounded px-2.5 text-xs font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-blue-500",
          checked ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200" : "text-zinc-500 hover:text-zinc-800",
        )
      }
    >
      {(option) => {
        const item = byValue.get(option);
        return (
          <>
            {item?.label}
            {item?.count !== undefined && <span className="text-zinc-500 tabular-nums">{item.count.toLocaleString()}</span>}
          </>
        );
      }}
    </RadioGroup>
  );
}
