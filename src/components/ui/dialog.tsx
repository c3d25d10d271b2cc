"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { useRef, type ReactNode } from "react";
import { Button } from "./button";
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

/**
 * Where focus goes back when a dialog closes. Radix returns it to a
 * <Dialog.Trigger>; these dialogs are opened by state from any button, so
 * without a trigger focus fell to <body>. The element focused when the
 * dialog opened (the Run button, a row's delete button) is remembered
 * instead, and focused again if it is still on the page.
 */
function useReturnFocus() {
  const opener = useRef<HTMLElement | null>(null);
  return {
    // Called before Radix moves focus into the dialog: activeElement is still the opener.
    onOpenAutoFocus: () => {
      opener.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    },
    onCloseAutoFocus: (event: Event) => {
      const target = opener.current;
      opener.current = null;
      if (!target?.isConnected) return;
      event.preventDefault();
      target.focus();
    },
  };
}

/** A centred modal. Radix handles focus trapping, Esc and scroll locking. */
export function Dialog({ open, onOpenChange, title, description, children, footer, size = "md", ...rest }: DialogProps) {
  const returnFocus = useReturnFocus();
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/30 backdrop-blur-[1px] data-[state=open]:animate-[fade-in_120ms_ease-out]" />
        <RadixDialog.Content
          className={cn(
            "fixed top-[3vh] left-1/2 z-50 flex max-h-[94dvh] w-[calc(100vw-1rem)] sm:top-[6vh] sm:max-h-[80vh] sm:w-[calc(100vw-2rem)] -translate-x-1/2 flex-col rounded-xl border border-zinc-200 bg-white shadow-2xl",
            "focus:outline-none data-[state=open]:animate-[pop-in_140ms_ease-out]",
            WIDTHS[size],
          )}
          data-testid={rest["data-testid"]}
          {...returnFocus}
        >
          <div className="flex items-start justify-between gap-4 border-b border-zinc-100 px-4 pt-4 pb-3 sm:px-5">
            <div className="min-w-0">
              <RadixDialog.Title className="text-[15px] font-semibold text-zinc-900">{title}</RadixDialog.Title>
              {description ? (
                <RadixDialog.Description className="mt-0.5 text-[13px] text-zinc-500">{description}</RadixDialog.Description>
              ) : (
                <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
              )}
            </div>
            <RadixDialog.Close
              className="-mr-1.5 flex size-7 shrink-0 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-blue-500"
              aria-label="Close"
            >
              <XIcon />
            </RadixDialog.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4 sm:px-5">{children}</div>
          {footer && (
            <div className="flex flex-wrap items-center justify-end gap-2 rounded-b-xl border-t border-zinc-100 bg-zinc-50/60 px-4 py-3 sm:px-5">{footer}</div>
          )}
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
  const returnFocus = useReturnFocus();
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/20 data-[state=open]:animate-[fade-in_120ms_ease-out]" />
        <RadixDialog.Content
          className="fixed inset-y-0 right-0 z-50 flex w-[min(1100px,100vw)] flex-col border-l border-zinc-200 bg-white shadow-2xl focus:outline-none data-[state=open]:animate-[slide-in_160ms_ease-out] sm:w-[min(1100px,92vw)]"
          data-testid={rest["data-testid"]}
          {...returnFocus}
        >
          <div className="flex items-start justify-between gap-4 border-b border-zinc-200 px-6 py-4">
            <div className="min-w-0">
              <RadixDialog.Title className="truncate text-[15px] font-semibold text-zinc-900">{title}</RadixDialog.Title>
              <RadixDialog.Description className={description ? "mt-1 text-[13px] text-zinc-500" : "sr-only"}>{description ?? title}</RadixDialog.Description>
            </div>
            <RadixDialog.Close
              className="-mr-2 flex size-8 shrink-0 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-blue-500"
              aria-label="Close"
            >
              <XIcon />
            </RadixDialog.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-6 py-5">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/**
 * A dialog's usual footer: Cancel, then the primary action — the submit
 * button of the form `form`, or a button that calls `onConfirm`.
 */
export function DialogActions({
  onCancel,
  form,
  onConfirm,
  pending,
  children,
}: {
  onCancel: () => void;
  form?: string;
  onConfirm?: () => void;
  pending: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <Button onClick={onCancel}>Cancel</Button>
      {form ? (
        <Button variant="primary" type="submit" form={form} loading={pending}>
          {children}
        </Button>
      ) : (
        <Button variant="primary" loading={pending} onClick={onConfirm}>
          {children}
        </Button>
      )}
    </>
  );
}
