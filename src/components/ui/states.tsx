import type { ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { AlertIcon } from "./icons";

/**
 * The frame that an empty list and a failed query share: a centred box with
 * an icon above a title, the explanation, then what the user can do.
 */
function StatePanel({
  frame,
  icon,
  title,
  children,
  ...rest
}: {
  frame: string;
  icon: ReactNode;
  title: string;
  children: ReactNode;
  role?: "alert";
  "data-testid": string;
}) {
  return (
    <div className={cn("flex flex-col items-center rounded-lg border px-6 text-center", frame)} {...rest}>
      {icon}
      <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
      {children}
    </div>
  );
}

/** What to show when a list has nothing yet: what it is and what to do next. */
export function EmptyState({
  icon,
  title,
  children,
  actions,
  className,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  className?: string;
}) {
  return (
    <StatePanel
      frame={cn("border-dashed border-zinc-300 bg-white py-14", className)}
      icon={icon && <div className="mb-4 flex size-10 items-center justify-center rounded-lg border border-zinc-200 bg-zinc-50 text-zinc-500">{icon}</div>}
      title={title}
      data-testid="empty-state"
    >
      {children && <div className="mt-1.5 max-w-md text-[13px] leading-relaxed text-zinc-500">{children}</div>}
      {actions && <div className="mt-5 flex items-center gap-2">{actions}</div>}
    </StatePanel>
  );
}

/** A failed query: the readable message, never a stack, and a way to try again. */
export function ErrorState({
  title = "Could not load this",
  message,
  onRetry,
  action,
  className,
}: {
  title?: string;
  message: string;
  onRetry?: () => void;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <StatePanel
      frame={cn("border-red-200 bg-red-50/40 py-12", className)}
      icon={
        <div className="mb-3 text-red-600">
          <AlertIcon width={20} height={20} />
        </div>
      }
      title={title}
      role="alert"
      data-testid="error-state"
    >
      <p className="mt-1 max-w-lg text-[13px] text-zinc-600">{message}</p>
      {onRetry && (
        <Button className="mt-4" onClick={onRetry}>
          Try again
        </Button>
      )}
      {action && <div className="mt-4 text-[13px]">{action}</div>}
    </StatePanel>
  );
}

/** An inline message box, e.g. a run's error or a form-level error. */
export function Callout({
  tone = "red",
  title,
  children,
  className,
  ...rest
}: {
  tone?: "red" | "amber" | "blue";
  title?: string;
  children: ReactNode;
  className?: string;
  "data-testid"?: string;
}) {
  const tones = {
    red: "border-red-200 bg-red-50 text-red-900",
    amber: "border-amber-200 bg-amber-50 text-amber-900",
    blue: "border-blue-200 bg-blue-50 text-blue-900",
  } as const;
  return (
    <div
      className={cn("flex gap-2.5 rounded-lg border px-3.5 py-3 text-[13px]", tones[tone], className)}
      role={tone === "red" ? "alert" : "note"}
      data-testid={rest["data-testid"]}
    >
      <AlertIcon className="mt-0.5 shrink-0 opacity-80" />
      <div className="min-w-0 flex-1">
        {title && <p className="font-medium">{title}</p>}
        <div className={cn("break-words", title && "mt-0.5 opacity-90")}>{children}</div>
      </div>
    </div>
  );
}

/** The part of a query result that QueryView reads (tRPC's useQuery result fits). */
interface ViewedQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: { message: string } | null;
  data: T | undefined;
  refetch: () => unknown;
}

/**
 * A query's three faces: `loading` while it has no data yet, an ErrorState
 * titled `errorTitle` with a retry when it failed, else `children` with the
 * data (which draw the empty case themselves: what "empty" means differs).
 */
export function QueryView<T>({
  query,
  loading,
  errorTitle,
  children,
}: {
  query: ViewedQuery<T>;
  loading: ReactNode;
  errorTitle: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return loading;
  if (query.isError || query.data === undefined) {
    return <ErrorState title={errorTitle} message={query.error?.message ?? ""} onRetry={() => void query.refetch()} />;
  }
  return children(query.data);
}
