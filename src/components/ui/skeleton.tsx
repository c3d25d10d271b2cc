import { cn } from "./cn";

export function Skeleton({ className }: { className?: string }) {
  return <div className={cn("animate-pulse rounded bg-zinc-200/70", className)} />;
}

/** Placeholder rows with the shape of the table that is loading. */
export function TableSkeleton({ rows = 6, columns = 5 }: { rows?: number; columns?: number }) {
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white" data-testid="table-skeleton" aria-busy="true" aria-label="Loading">
      <div className="flex h-9 items-center gap-6 border-b border-zinc-200 bg-zinc-50/80 px-3">
        {Array.from({ length: columns }, (_, i) => (
          <Skeleton key={i} className="h-2.5 w-16" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex h-11 items-center gap-6 border-b border-zinc-100 px-3 last:border-0">
          {Array.from({ length: columns }, (_, c) => (
            <Skeleton key={c} className={cn("h-3", c === 0 ? "w-48" : "w-20")} />
          ))}
        </div>
      ))}
    </div>
  );
}
