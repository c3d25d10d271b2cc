"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { cn } from "./cn";
import { XIcon } from "./icons";

interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** Buttons, right-aligned in a footer that stays visible while the body scrolls. */
  footer?: ReactNode;
  size?: "sm" | "md" | "lg";
  "data-testid"?: string;
}

const WIDTHS = { sm: "max-w-md", md: "max-w-xl", lg: "max-w-3xl" } as const;

/** A centred modal. Radix handles focus trapping, Esc and scroll locking. */
export function Dialog({ open, onOpenChange, title, description, children, footer, size = "md", ...rest }: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/30 backdrop-blur-[1px] data-[state=open]:animate-[fade-in_120ms_ease-out]" />
        <RadixDialog.Content
          className={cn(
            "fixed top-[6vh] left-1/2 z-50 flex max-h-[80vh] w-[calc(100vw-2rem)] -translate-x-1/2 flex-col rounded-xl border border-zinc-200 bg-white shadow-2xl",
            "focus:outline-none data-[state=open]:animate-[pop-in_140ms_ease-out]",
            WIDTHS[size],
          )}
          data-testid={rest["data-testid"]}
        >
          <div className="flex items-start justify-between gap-4 border-b border-zinc-100 px-5 pt-4 pb-3">
            <div className="min-w-0">
              <RadixDialog.Title className="text-[15px] font-semibold text-zinc-900">{title}</RadixDialog.Title>
              {description ? (
                <RadixDialog.Description className="mt-0.5 text-[13px] text-zinc-500">{description}</RadixDialog.Description>
              ) : (
                <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
              )}
            </div>
            <RadixDialog.Close className="-mr-1 rounded-md p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700" aria-label="Close">
              <XIcon />
            </RadixDialog.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
          {footer && <div className="flex items-center justify-end gap-2 rounded-b-xl border-t border-zinc-100 bg-zinc-50/60 px-5 py-3">{footer}</div>}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

interface DrawerProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  "data-testid"?: string;
}

/** A side panel: the same Radix dialog, anchored to the right edge. */
export function Drawer({ open, onOpenChange, title, description, children, ...rest }: DrawerProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/20 data-[state=open]:animate-[fade-in_120ms_ease-out]" />
        <RadixDialog.Content
          className="fixed inset-y-0 right-0 z-50 flex w-[min(1100px,92vw)] flex-col border-l border-zinc-200 bg-white shadow-2xl focus:outline-none data-[state=open]:animate-[slide-in_160ms_ease-out]"
          data-testid={rest["data-testid"]}
        >
          <div className="flex items-start justify-between gap-4 border-b border-zinc-200 px-6 py-4">
            <div className="min-w-0">
              <RadixDialog.Title className="truncate text-[15px] font-semibold text-zinc-900">{title}</RadixDialog.Title>
              <RadixDialog.Description className={description ? "mt-1 text-[13px] text-zinc-500" : "sr-only"}>{description ?? title}</RadixDialog.Description>
            </div>
            <RadixDialog.Close className="-mr-2 rounded-md p-1.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700" aria-label="Close">
              <XIcon />
            </RadixDialog.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-6 py-5">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
