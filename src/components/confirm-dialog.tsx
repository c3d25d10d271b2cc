"use client";

import type { ReactNode } from "react";
import { Button } from "./ui/button";
import { Dialog } from "./ui/dialog";

interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
}

/** "Are you sure?" for destructive actions. Errors go to the global toast. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  onConfirm,
  pending,
}: ConfirmProps & {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      size="sm"
      data-testid="confirm-dialog"
      footer={
        <>
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button variant="danger" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="text-[13px] leading-relaxed text-zinc-600">{children}</div>
    </Dialog>
  );
}

/**
 * ConfirmDialog about one thing (a row, a selection): open while `subject`
 * is set; closing it calls `onClose`, confirming hands `onConfirm` the subject.
 */
export function ConfirmDialogFor<T>({
  subject,
  onClose,
  onConfirm,
  ...rest
}: ConfirmProps & {
  subject: T | null;
  onClose: () => void;
  onConfirm: (subject: T) => void;
}) {
  return (
    <ConfirmDialog {...rest} open={subject !== null} onOpenChange={(open) => !open && onClose()} onConfirm={() => subject !== null && onConfirm(subject)} />
  );
}
