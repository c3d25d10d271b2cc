import { cn } from "./cn";

/** Succeeded and failed segments of a total; `animated` stripes it while work is in flight. */
export function ProgressBar({
  succeeded,
  failed,
  total,
  animated,
  size = "md",
  label,
}: {
  succeeded: number;
  failed: number;
  total: number;
  animated?: boolean;
  size?: "sm" | "md";
  label: string;
}) {
  const pct = (n: number) => (total > 0 ? Math.min(100, (n / total) * 100) : 0);
  const done = succeeded + failed;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      className={cn("flex w-full overflow-hidden rounded-full bg-zinc-100", size === "md" ? "h-2" : "h-1.5")}
    >
      <div className={cn("h-full bg-emerald-500 transition-[width] duration-500", animated && "progress-stripes")} style={{ width: `${pct(succeeded)}%` }} />
      <div className="h-full bg-red-500 transition-[width] duration-500" style={{ width: `${pct(failed)}%` }} />
    </div>
  );
}
