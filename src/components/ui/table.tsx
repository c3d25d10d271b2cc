import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { formatDateTime, formatRelative } from "../format";
import { IconButton } from "./button";
import { cn } from "./cn";
import { TrashIcon } from "./icons";

/** A bordered card holding a dense table; scrolls sideways rather than squashing columns. */
export function TableCard({ children, className, footer }: { children: ReactNode; className?: string; footer?: ReactNode }) {
  return (
    <div className={cn("overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs", className)}>
      <div className="overflow-x-auto">
        <table className="w-full table-fixed border-collapse text-[13px]">{children}</table>
      </div>
      {footer}
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-zinc-200 bg-zinc-50/80">
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ className, children, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th className={cn("h-9 px-3 text-left text-[11px] font-medium tracking-wide text-zinc-500 uppercase", className)} {...props}>
      {children}
    </th>
  );
}

export function Tr({ className, interactive, ...props }: HTMLAttributes<HTMLTableRowElement> & { interactive?: boolean }) {
  return (
    <tr
      className={cn(
        "border-b border-zinc-100 last:border-0",
        interactive && "cursor-pointer hover:bg-zinc-50 focus-visible:bg-blue-50/60 focus-visible:outline-none",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("h-11 truncate px-3 align-middle text-zinc-700", className)} {...props} />;
}

/** Single-line, monospace, ellipsis: for JSON previews in cells. */
export function MonoCell({ value, className }: { value: string; className?: string }) {
  return (
    <span className={cn("block truncate font-mono text-xs text-zinc-700", className)} title={value.length > 60 ? value.slice(0, 2000) : undefined}>
      {value || <span className="text-zinc-300">—</span>}
    </span>
  );
}

/** When a row last changed: relative, with the exact time on hover. */
export function UpdatedCell({ date }: { date: Date }) {
  return (
    <Td className="text-zinc-500" title={formatDateTime(date)}>
      {formatRelative(date)}
    </Td>
  );
}

/** A row's delete button; its click does not also open the row. */
export function DeleteRowCell({ label, onDelete }: { label: string; onDelete: () => void }) {
  return (
    <Td className="text-right">
      <IconButton
        label={label}
        onClick={(e) => {
          e.stopPropagation();
          onDelete();
        }}
      >
        <TrashIcon />
      </IconButton>
    </Td>
  );
}
