"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type HTMLAttributes, type ReactNode, type RefObject, type TdHTMLAttributes, type ThHTMLAttributes } from "react";
import { formatDateTime, formatRelative } from "../format";
import { IconButton } from "./button";
import { cn } from "./cn";
import { TrashIcon } from "./icons";

/**
 * A bordered card holding a dense table; scrolls sideways inside the card
 * rather than squashing columns. `minWidth` is the width below which it
 * scrolls: with a fixed layout, the columns without a width share what the
 * fixed ones leave, which on a phone was nothing (a zero-width name column).
 * `stickyFirst` keeps the first column (the row's name) in view while the
 * rest scrolls under it; `stickyLast` keeps the last one (a figure the row
 * is read for) in view at the right edge.
 */
export function TableCard({
  children,
  className,
  footer,
  minWidth = 640,
  stickyFirst = false,
  stickyLast = false,
  label,
}: {
  children: ReactNode;
  className?: string;
  footer?: ReactNode;
  minWidth?: number;
  stickyFirst?: boolean;
  stickyLast?: boolean;
  /** Names the scroll box while it scrolls (it is then a Tab stop, so the keyboard can scroll it). */
  label?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const scrolls = useScrollsSideways(box);
  return (
    <div className={cn("overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs", className)}>
      {/* relative: visually hidden (absolute) header labels stay inside the scroll box instead of widening the page. */}
      <div
        ref={box}
        className="relative overflow-x-auto overscroll-x-contain focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-500"
        tabIndex={scrolls ? 0 : undefined}
        role={scrolls ? "region" : undefined}
        aria-label={scrolls ? (label ?? "Table, scrolls sideways") : undefined}
      >
        <table
          className={cn("w-full table-fixed border-collapse text-[13px]", stickyFirst && "table-sticky-first", stickyLast && "table-sticky-last")}
          style={{ minWidth }}
        >
          {children}
        </table>
      </div>
      {footer}
    </div>
  );
}

/** Whether the box's content is wider than the box: only then is it worth a Tab stop. */
function useScrollsSideways(box: RefObject<HTMLDivElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [box]);
  return scrolls;
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
      {value || <span className="text-zinc-500">—</span>}
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

/** An icon button in a row; its click does not also open the row. */
export function RowAction({ label, onAction, children }: { label: string; onAction: () => void; children: ReactNode }) {
  return (
    <IconButton
      label={label}
      onClick={(e) => {
        e.stopPropagation();
        onAction();
      }}
    >
      {children}
    </IconButton>
  );
}

/** A row's delete button. */
export function DeleteRowCell({ label, onDelete }: { label: string; onDelete: () => void }) {
  return (
    <Td className="text-right">
      <RowAction label={label} onAction={onDelete}>
        <TrashIcon />
      </RowAction>
    </Td>
  );
}

/** One column of a table: its width (none: it shares what the others leave) and heading. */
export interface Column {
  width?: string;
  header: ReactNode;
  /** On the heading, e.g. text-right over numbers. */
  className?: string;
  /** The heading's tooltip. */
  title?: string;
}

/** The column of row actions, with a heading for screen readers only. */
export const actionsColumn = (width: string): Column => ({ width, header: <span className="sr-only">Actions</span> });

/**
 * A table's column widths and heading row from one list, so that a column
 * and its heading cannot drift apart. `false` entries are columns left out.
 */
export function TableColumns({ columns }: { columns: (Column | false)[] }) {
  const shown = columns.filter((column): column is Column => column !== false);
  return (
    <>
      <colgroup>
        {shown.map((column, index) => (
          <col key={index} className={column.width} />
        ))}
      </colgroup>
      <THead>
        {shown.map((column, index) => (
          <Th key={index} className={column.className} title={column.title}>
            {column.header}
          </Th>
        ))}
      </THead>
    </>
  );
}

/**
 * A row's name as a link to its page, with its description below. The link's
 * click does not also trigger the row's own click. `titled`: both show their
 * whole text on hover (for names and descriptions that may be cut).
 */
export function NameCell({ href, name, description, titled }: { href: string; name: string; description?: string | null; titled?: boolean }) {
  return (
    <Td className="py-2">
      <Link
        href={href}
        className="block truncate font-medium text-zinc-900 hover:underline"
        onClick={(e) => e.stopPropagation()}
        title={titled ? name : undefined}
      >
        {name}
      </Link>
      {description && (
        <span className="block truncate text-xs text-zinc-500" title={titled ? description : undefined}>
          {description}
        </span>
      )}
    </Td>
  );
}
