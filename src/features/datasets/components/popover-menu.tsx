"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** A button that opens a small panel below it; closes on Escape or a click outside. */
export function PopoverMenu({
  label,
  children,
  align = "right",
  buttonProps,
  "data-testid": testId,
}: {
  label: ReactNode;
  children: (close: () => void) => ReactNode;
  align?: "left" | "right";
  buttonProps?: ButtonProps;
  "data-testid"?: string;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);
  return (
    <div ref={root} className="relative">
      <Button aria-haspopup="true" aria-expanded={open} onClick={() => setOpen((v) => !v)} {...buttonProps}>
        {label}
        <svg width="10" height="10" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" className="opacity-60">
          <path d="M4 6l4 4 4-4" />
        </svg>
      </Button>
      {open && (
        <div
          role="menu"
          data-testid={testId}
          className={cn(
            "absolute top-full z-30 mt-1.5 w-64 rounded-lg border border-zinc-200 bg-white p-1.5 shadow-lg animate-[pop-in_120ms_ease-out]",
            align === "right" ? "right-0" : "left-0",
          )}
        >
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

/** A menu entry that is a link (downloads, navigation). */
export function MenuLink({
  href,
  children,
  download,
  onSelect,
  hint,
}: {
  href: string;
  children: ReactNode;
  download?: boolean;
  onSelect?: () => void;
  hint?: ReactNode;
}) {
  return (
    <a
      role="menuitem"
      href={href}
      download={download ? "" : undefined}
      // Close after the click has done its work: a link removed mid-click does not navigate.
      onClick={() => onSelect && setTimeout(onSelect, 0)}
      className="flex items-center justify-between gap-2 rounded-md px-2.5 py-1.5 text-[13px] text-zinc-800 hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:outline-none"
    >
      <span>{children}</span>
      {hint && <span className="text-[11px] text-zinc-500">{hint}</span>}
    </a>
  );
}
