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
  /** The usual footer instead: Cancel (closes), then this primary action. */
  primary?: PrimaryAction;
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

interface FrameStyle {
  overlay: string;
  content: string;
  header: string;
  title: string;
  description: string;
  close: string;
  body: string;
}

/**
 * The Radix dialog that the modal and the drawer share: overlay, content that
 * returns focus to its opener, a header with the title (and, for screen
 * readers, a description even when none is shown) and a close button, then the
 * scrolling body. The two differ only in where they sit and how they look.
 */
function DialogFrame({
  open,
  onOpenChange,
  title,
  description,
  children,
  style,
  ...rest
}: Omit<DrawerProps, "children"> & { children: ReactNode; style: FrameStyle }) {
  const returnFocus = useReturnFocus();
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={style.overlay} />
        <RadixDialog.Content className={style.content} data-testid={rest["data-testid"]} {...returnFocus}>
          <div className={cn("flex items-start justify-between gap-4 border-b", style.header)}>
            <div className="min-w-0">
              <RadixDialog.Title className={cn("text-[15px] font-semibold text-zinc-900", style.title)}>{title}</RadixDialog.Title>
              <RadixDialog.Description className={description ? style.description : "sr-only"}>{description || title}</RadixDialog.Description>
            </div>
            <RadixDialog.Close
              className={cn(
                "flex shrink-0 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-blue-500",
                style.close,
              )}
              aria-label="Close"
            >
              <XIcon />
            </RadixDialog.Close>
          </div>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

const MODAL: FrameStyle = {
  overlay: "fixed inset-0 z-40 bg-zinc-950/30 backdrop-blur-[1px] data-[state=open]:animate-[fade-in_120ms_ease-out]",
  content: cn(
    "fixed top-[3vh] left-1/2 z-50 flex max-h-[94dvh] w-[calc(100vw-1rem)] sm:top-[6vh] sm:max-h-[80vh] sm:w-[calc(100vw-2rem)] -translate-x-1/2 flex-col rounded-xl border border-zinc-200 bg-white shadow-2xl",
    "focus:outline-none data-[state=open]:animate-[pop-in_140ms_ease-out]",
  ),
  header: "border-zinc-100 px-4 pt-4 pb-3 sm:px-5",
  title: "",
  description: "mt-0.5 text-[13px] text-zinc-500",
  close: "-mr-1.5 size-7",
  body: "min-h-0 flex-1 overflow-y-auto px-4 py-4 sm:px-5",
};

/** A centred modal. Radix handles focus trapping, Esc and scroll locking. */
export function Dialog({ children, footer, primary, size = "md", ...rest }: DialogProps) {
  footer ??= primary && <DialogActions onCancel={() => rest.onOpenChange(false)} {...primary} />;
  return (
    <DialogFrame {...rest} style={{ ...MODAL, content: cn(MODAL.content, WIDTHS[size]) }}>
      <div className={MODAL.body}>{children}</div>
      {footer && (
        <div className="flex flex-wrap items-center justify-end gap-2 rounded-b-xl border-t border-zinc-100 bg-zinc-50/60 px-4 py-3 sm:px-5">{footer}</div>
      )}
    </DialogFrame>
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

const DRAWER: FrameStyle = {
  overlay: "fixed inset-0 z-40 bg-zinc-950/20 data-[state=open]:animate-[fade-in_120ms_ease-out]",
  content:
    "fixed inset-y-0 right-0 z-50 flex w-[min(1100px,100vw)] flex-col border-l border-zinc-200 bg-white shadow-2xl focus:outline-none data-[state=open]:animate-[slide-in_160ms_ease-out] sm:w-[min(1100px,92vw)]",
  header: "border-zinc-200 px-6 py-4",
  title: "truncate",
  description: "mt-1 text-[13px] text-zinc-500",
  close: "-mr-2 size-8",
  body: "min-h-0 flex-1 overflow-y-auto px-6 py-5",
};

/** A side panel: the same Radix dialog, anchored to the right edge. */
export function Drawer({ children, ...rest }: DrawerProps) {
  return (
    <DialogFrame {...rest} style={DRAWER}>
      <div className={DRAWER.body}>{children}</div>
    </DialogFrame>
  );
}

/** A dialog's primary action: the submit button of the form `form`, or a button that calls `onConfirm`. */
interface PrimaryAction {
  label: ReactNode;
  pending: boolean;
  form?: string;
  onConfirm?: () => void;
}

/** A dialog's usual footer: Cancel, then the primary action. */
function DialogActions({ onCancel, form, onConfirm, pending, label }: PrimaryAction & { onCancel: () => void }) {
  return (
    <>
      <Button onClick={onCancel}>Cancel</Button>
      {form ? (
        <Button variant="primary" type="submit" form={form} loading={pending}>
          {label}
        </Button>
      ) : (
        <Button variant="primary" loading={pending} onClick={onConfirm}>
          {label}
        </Button>
      )}
    </>
  );
}
