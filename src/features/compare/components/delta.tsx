import { cn } from "@/components/ui/cn";

/** Smaller changes than this read as "no change" in colour (matches the server's default epsilon in spirit). */
const EPSILON = 1e-9;

export function deltaTone(delta: number | null | undefined): string {
  if (delta === null || delta === undefined || Math.abs(delta) < EPSILON) return "text-zinc-500";
  return delta < 0 ? "text-red-600" : "text-emerald-600";
}

export function formatDelta(delta: number | null | undefined): string {
  if (delta === null || delta === undefined) return "—";
  if (Math.abs(delta) < EPSILON) return "±0";
  const fixed = Math.abs(delta) >= 0.995 ? Math.abs(delta).toFixed(0) : Math.abs(delta).toFixed(2);
  return `${delta < 0 ? "−" : "+"}${fixed}`;
}

export function formatMean(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return value.toFixed(2);
}

export function Delta({ value, className, ...rest }: { value: number | null | undefined; className?: string; "data-testid"?: string }) {
  return (
    <span className={cn("font-semibold tabular-nums", deltaTone(value), className)} data-testid={rest["data-testid"]} data-delta={value ?? ""}>
      {formatDelta(value)}
    </span>
  );
}

/**
 * The 95% interval of the mean delta drawn around 0: red when it lies wholly
 * below 0, green wholly above, grey when it straddles 0 (could be noise).
 */
export function IntervalBar({ interval, delta, width = 168 }: { interval: [number, number] | null; delta: number | null; width?: number }) {
  const height = 18;
  if (!interval) {
    return <span className="text-[11px] text-zinc-500">no interval (fewer than 2 pairs)</span>;
  }
  const [lo, hi] = interval;
  // Zoom to the interval, but keep 0 in view and never past the possible range [-1, 1].
  const extent = Math.min(1, Math.max(0.05, Math.abs(lo), Math.abs(hi), Math.abs(delta ?? 0)) * 1.2);
  const x = (v: number) => ((v + extent) / (2 * extent)) * width;
  const color = hi < 0 ? "#dc2626" : lo > 0 ? "#059669" : "#71717a";
  return (
    <svg width={width} height={height} role="img" aria-label={`95% interval from ${lo.toFixed(3)} to ${hi.toFixed(3)}`} className="shrink-0">
      <line x1={0} x2={width} y1={height / 2} y2={height / 2} stroke="#e4e4e7" strokeWidth={1} />
      <line x1={x(0)} x2={x(0)} y1={2} y2={height - 2} stroke="#a1a1aa" strokeWidth={1} strokeDasharray="2 2" />
      <rect x={x(lo)} y={height / 2 - 3} width={Math.max(2, x(hi) - x(lo))} height={6} rx={3} fill={color} opacity={0.35} />
      {delta !== null && <circle cx={x(delta)} cy={height / 2} r={3.5} fill={color} />}
    </svg>
  );
}
