"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useDismiss } from "../hooks";
import { Button, type ButtonProps } from "./button";
import { cn } from "./cn";

const ITEM = '[role="menuitem"]';

/**
 * A button that opens a small menu below it; closes on Escape or a click
 * outside. On opening, focus goes to the first entry, and the arrow keys
 * move between the entries (other controls in the menu keep their keys).
 */
export function PopoverMenu({
  label,
  menuLabel,
  children,
  align = "right",
  buttonProps,
  "data-testid": testId,
}: {
  label: ReactNode;
  /** The menu's accessible name. */
  menuLabel: string;
  children: (close: () => void) => ReactNode;
  align?: "left" | "right";
  buttonProps?: ButtonProps & { "data-testid"?: string };
  /** On the menu; a test id for the button goes in `buttonProps`. */
  "data-testid"?: string;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();
  useDismiss(open, root, () => setOpen(false));
  useEffect(() => {
    if (open) root.current?.querySelector<HTMLElement>(ITEM)?.focus();
  }, [open]);

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const items = Array.from(root.current?.querySelectorAll<HTMLElement>(ITEM) ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (index === -1) return;
    event.preventDefault();
    items[(index + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length]?.focus();
  }

  return (
    <div ref={root} className="relative">
      <Button aria-haspopup="menu" aria-expanded={open} aria-controls={open ? menuId : undefined} onClick={() => setOpen((v) => !v)} {...buttonProps}>
        {label}
        <svg width="10" height="10" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" className="opacity-60">
          <path d="M4 6l4 4 4-4" />
        </svg>
      </Button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label={menuLabel}
          onKeyDown={onMenuKeyDown}
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

/** A menu entry that is a link (downloads, navigation); the hint sits beside the label, or under it when `stacked`. */
export function MenuLink({
  href,
  children,
  download,
  onSelect,
  hint,
  stacked,
  "data-testid": testId,
}: {
  href: string;
  children: ReactNode;
  download?: boolean;
  onSelect?: () => void;
  hint?: ReactNode;
  stacked?: boolean;
  "data-testid"?: string;
}) {
  return (
    <a
      role="menuitem"
      href={href}
      download={download ? "" : undefined}
      // Close after the click has done its work: a link removed mid-click does not navigate.
      onClick={() => onSelect && setTimeout(onSelect, 0)}
      className={cn(
        "flex rounded-md px-2.5 py-1.5 text-[13px] text-zinc-800 hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:outline-none",
        stacked ? "flex-col" : "items-center justify-between gap-2",
      )}
      data-testid={testId}
    >
      <span className={cn(stacked && "font-medium")}>{children}</span>
      {hint && <span className="text-[11px] text-zinc-500">{hint}</span>}
    </a>
  );
}
