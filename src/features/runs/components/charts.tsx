"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDuration, formatScore } from "@/components/format";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { useLivePolling } from "@/components/use-live-polling";
import { api } from "@/lib/trpc/react";
import type { RunDto } from "../schemas";
import { isLiveRun } from "../status";

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

const COLORS = {
  pass: "#10b981", // emerald-500
  fail: "#f87171", // red-400
  mixed: "#fbbf24", // amber-400
  neutral: "#60a5fa", // blue-400
  grid: "#f4f4f5", // zinc-100
  axis: "#a1a1aa", // zinc-400
};

interface HistogramProps {
  bins: HistogramBin[];
  /** How a bin edge reads on the axis and in the tooltip. */
  formatEdge: (value: number) => string;
  /** Scores: bins at or above it are green, below red, a bin it cuts through amber. */
  threshold?: number;
  /** What is counted, for the tooltip: "outputs", "results". */
  noun: string;
  height?: number;
  label: string;
}

function BinTooltip({
  active,
  payload,
  formatEdge,
  noun,
}: {
  active?: boolean;
  payload?: readonly { payload?: HistogramBin & { mid: number } }[];
  formatEdge: (v: number) => string;
  noun: string;
}) {
  const bin = active ? payload?.[0]?.payload : undefined;
  if (!bin) return null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-md">
      <div className="text-zinc-500 tabular-nums">
        {formatEdge(bin.from)} – {formatEdge(bin.to)}
      </div>
      <div className="font-medium text-zinc-900 tabular-nums">
        {bin.count.toLocaleString()} {noun}
      </div>
    </div>
  );
}

/**
 * A histogram from bins computed on the server. Bars sit on a numeric axis at
 * their bin's middle, so edges line up with the ticks (0, 0.5, 1) instead of
 * being category labels under each bar.
 */
export function Histogram({ bins, formatEdge, threshold, noun, height = 132, label }: HistogramProps) {
  const first = bins[0];
  const last = bins[bins.length - 1];
  if (!first || !last) return null;
  const data = bins.map((bin) => ({ ...bin, mid: (bin.from + bin.to) / 2 }));
  const domain: [number, number] = [first.from, last.to];
  const span = last.to - first.from;
  const ticks = [first.from, first.from + span / 2, last.to];
  const fill = (bin: HistogramBin) => {
    if (threshold === undefined) return COLORS.neutral;
    if (bin.from >= threshold - 1e-9) return COLORS.pass;
    // The last bin holds exactly 1, which passes any threshold: for binary scorers (threshold 1) it is all passes.
    if (bin.to === last.to && threshold >= bin.to - 1e-9) return COLORS.pass;
    if (bin.to <= threshold + 1e-9) return COLORS.fail;
    return COLORS.mixed;
  };

  return (
    <div role="img" aria-label={label} data-testid="histogram" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 6, right: 6, bottom: 0, left: -14 }} barCategoryGap={1}>
          <CartesianGrid vertical={false} stroke={COLORS.grid} />
          <XAxis
            dataKey="mid"
            type="number"
            domain={domain}
            ticks={ticks}
            tickFormatter={formatEdge}
            tick={{ fontSize: 10, fill: COLORS.axis }}
            tickLine={false}
            axisLine={{ stroke: "#e4e4e7" }}
            allowDataOverflow
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 10, fill: COLORS.axis }}
            tickLine={false}
            axisLine={false}
            width={48}
            tickFormatter={(n: number) => (n >= 1000 ? `${Math.round(n / 100) / 10}k` : String(n))}
          />
          <Tooltip
            cursor={{ fill: "rgba(24,24,27,0.04)" }}
            content={(props) => <BinTooltip active={props.active} payload={props.payload as never} formatEdge={formatEdge} noun={noun} />}
            isAnimationActive={false}
          />
          {threshold !== undefined && threshold > domain[0] && threshold < domain[1] && (
            <ReferenceLine x={threshold} stroke="#71717a" strokeDasharray="3 3" strokeWidth={1} />
          )}
          <Bar dataKey="count" radius={[2, 2, 0, 0]} isAnimationActive={false} minPointSize={0}>
            {data.map((bin) => (
              <Cell key={bin.from} fill={fill(bin)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function ChartCard({ title, aside, children, testId }: { title: ReactNode; aside?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div className="flex min-w-0 flex-col rounded-lg border border-zinc-200 bg-white px-4 pt-3 pb-2 shadow-xs" data-testid={testId}>
      <div className="mb-2 flex items-baseline justify-between gap-3">
        <h3 className="truncate text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{title}</h3>
        {aside && <span className="shrink-0 text-[11px] text-zinc-500 tabular-nums">{aside}</span>}
      </div>
      {children}
    </div>
  );
}

function NoData({ children }: { children: ReactNode }) {
  return <div className="flex h-[132px] items-center justify-center rounded-md bg-zinc-50 text-xs text-zinc-500">{children}</div>;
}

// Four charts fit one row on a wide screen; more wrap by three so none is left alone.
const GRID_COLUMNS: Record<number, string> = { 1: "md:grid-cols-1 max-w-xl", 3: "xl:grid-cols-3", 4: "xl:grid-cols-4" };

const scoreEdge = (value: number) => (value === 0 || value === 1 ? String(value) : value.toFixed(1));
const latencyEdge = (value: number) => formatDuration(value);

/**
 * Score distribution per scorer and latency distribution, counted by the
 * server (runs.distributions): the browser never pages through results.
 * Refreshed while the run runs, as often as the counters.
 */
export function RunCharts({ run }: { run: RunDto }) {
  const utils = api.useUtils();
  const live = isLiveRun(run);
  // Polled like the run itself: the server counts them at most once per change of the run (run-read-cache.ts).
  const distributions = api.runs.distributions.useQuery({ runId: run.id }, { refetchInterval: useLivePolling(live), placeholderData: (previous) => previous });

  // The last results land just before the run turns terminal (or a retry starts it again): count once more then.
  const phase = `${run.id}:${run.round}:${live}`;
  const lastPhase = useRef(phase);
  useEffect(() => {
    if (lastPhase.current === phase) return;
    lastPhase.current = phase;
    void utils.runs.distributions.invalidate({ runId: run.id });
  }, [phase, run.id, utils]);

  if (distributions.isError) {
    return <p className="text-xs text-zinc-500">Charts unavailable: {distributions.error.message}</p>;
  }
  const data = distributions.data;
  const cards = run.scorers.length + 1;

  return (
    <section aria-label="Distributions" className="flex flex-col gap-3" data-testid="run-charts">
      <h2 className="text-sm font-semibold text-zinc-900">Distributions</h2>
      <div className={cn("grid gap-3 md:grid-cols-2", GRID_COLUMNS[cards] ?? "xl:grid-cols-3")}>
        {!data ? (
          Array.from({ length: cards }, (_, i) => <Skeleton key={i} className="h-[178px]" />)
        ) : (
          <>
            {run.scorers.map((scorer) => {
              const bins = data.scorers.find((entry) => entry.name === scorer.name)?.bins ?? [];
              const total = bins.reduce((sum, bin) => sum + bin.count, 0);
              const summary = run.summary?.scorers.find((entry) => entry.name === scorer.name);
              return (
                <ChartCard
                  key={scorer.name}
                  testId="score-distribution"
                  title={scorer.name}
                  aside={
                    <>
                      {total.toLocaleString()} scored
                      {/* Errored results have no score to bin, but count as 0 in the mean beside it. */}
                      {summary && summary.targetErrors > 0 && <span className="text-red-600"> · {summary.targetErrors.toLocaleString()} errored (as 0)</span>}
                      {summary?.mean != null && <> · mean {formatScore(summary.mean)}</>}
                    </>
                  }
                >
                  {total === 0 ? (
                    <NoData>{live ? "Scores appear as outputs come in" : "No scores"}</NoData>
                  ) : (
                    <Histogram
                      bins={bins}
                      formatEdge={scoreEdge}
                      threshold={scorer.threshold}
                      noun={total === 1 ? "output" : "outputs"}
                      label={`Distribution of ${scorer.name} scores`}
                    />
                  )}
                </ChartCard>
              );
            })}
            <ChartCard
              testId="latency-distribution"
              title="Latency"
              aside={
                run.summary?.latencyMs.p50 != null ? (
                  <>
                    p50 {formatDuration(run.summary.latencyMs.p50)} · p95 {formatDuration(run.summary.latencyMs.p95)}
                  </>
                ) : undefined
              }
            >
              {data.latency.bins.length === 0 || data.latency.bins.every((bin) => bin.count === 0) ? (
                <NoData>{live ? "Latency appears as calls finish" : "No latency recorded"}</NoData>
              ) : (
                <Histogram bins={data.latency.bins} formatEdge={latencyEdge} noun="results" label="Distribution of latency" />
              )}
            </ChartCard>
          </>
        )}
      </div>
    </section>
  );
}
