"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";

const FORMATS = [
  { format: "csv", label: "CSV", hint: "one row per result, a column per score" },
  { format: "json", label: "JSON", hint: "one array, scores nested" },
  { format: "jsonl", label: "JSONL", hint: "one result per line, streams well" },
] as const;

/**
 * "Export ▾": plain links to the streaming export endpoint, so the browser
 * downloads the file itself (no 100k-result blob held in page memory).
 */
export function ExportMenu({ runId }: { runId: string }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") setOpen(false);
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    // Focus the first entry so the keyboard can go straight to a format.
    rootRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  function onMenuKeyDown(event: ReactKeyboardEvent<HTMLDivElement>) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const items = Array.from(rootRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    items[(index + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length]?.focus();
  }

  return (
    <div ref={rootRef} className="relative">
      <Button
        variant="secondary"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        data-testid="export-menu"
      >
        <DownloadIcon /> Export
        <svg width="10" height="10" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true" className="text-zinc-500">
          <path d="M4 6l4 4 4-4" />
        </svg>
      </Button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label="Export results"
          onKeyDown={onMenuKeyDown}
          className="absolute right-0 z-30 mt-1 w-64 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg animate-[pop-in_120ms_ease-out]"
        >
          {FORMATS.map((f) => (
            <a
              key={f.format}
              role="menuitem"
              href={`/api/runs/${runId}/export?format=${f.format}`}
              download
              onClick={() => setOpen(false)}
              className="flex flex-col rounded-md px-2.5 py-1.5 text-[13px] text-zinc-800 outline-none hover:bg-zinc-50 focus-visible:bg-zinc-100"
              data-testid={`export-${f.format}`}
            >
              <span className="font-medium">{f.label}</span>
              <span className="text-[11px] text-zinc-500">{f.hint}</span>
            </a>
          ))}
        </div>
      )}
    </div>
  );
}
