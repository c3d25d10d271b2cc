import type { ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { AlertIcon } from "./icons";

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
    <div
      className={cn("flex flex-col items-center rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-14 text-center", className)}
      data-testid="empty-state"
    >
      {icon && <div className="mb-4 flex size-10 items-center justify-center rounded-lg border border-zinc-200 bg-zinc-50 text-zinc-500">{icon}</div>}
      <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
      {children && <div className="mt-1.5 max-w-md text-[13px] leading-relaxed text-zinc-500">{children}</div>}
      {actions && <div className="mt-5 flex items-center gap-2">{actions}</div>}
    </div>
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
    <div
      className={cn("flex flex-col items-center rounded-lg border border-red-200 bg-red-50/40 px-6 py-12 text-center", className)}
      role="alert"
      data-testid="error-state"
    >
      <div className="mb-3 text-red-600">
        <AlertIcon width={20} height={20} />
      </div>
      <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
      <p className="mt-1 max-w-lg text-[13px] text-zinc-600">{message}</p>
      {onRetry && (
        <Button className="mt-4" onClick={onRetry}>
          Try again
        </Button>
      )}
      {action && <div className="mt-4 text-[13px]">{action}</div>}
    </div>
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
