import Link from "next/link";
import type { ReactNode } from "react";

/** The same header on every page: optional breadcrumb, title, description, actions. */
export function PageHeader({
  breadcrumb,
  title,
  description,
  meta,
  actions,
}: {
  breadcrumb?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  meta?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0 flex-1">
        {breadcrumb && <div className="mb-1.5 flex items-center gap-1.5 text-xs text-zinc-500">{breadcrumb}</div>}
        <h1 className="text-lg [overflow-wrap:anywhere] sm:truncate sm:text-xl font-semibold tracking-tight text-zinc-900">{title}</h1>
        {description && (
          <p
            className="mt-1 line-clamp-2 max-w-3xl text-[13px] leading-relaxed text-zinc-500"
            title={typeof description === "string" ? description : undefined}
          >
            {description}
          </p>
        )}
        {meta && <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1.5 text-xs text-zinc-500">{meta}</div>}
      </div>
      {/* Below sm the actions take their own row and wrap, so none is pushed off a phone's screen. */}
      {actions && <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto sm:shrink-0 sm:justify-end">{actions}</div>}
    </header>
  );
}

/** A page header's way back: the list the page belongs to, then a slash. */
export function Breadcrumb({ href, children }: { href: string; children: ReactNode }) {
  return (
    <>
      <Link href={href} className="hover:text-zinc-900">
        {children}
      </Link>
      <span aria-hidden="true">/</span>
    </>
  );
}
