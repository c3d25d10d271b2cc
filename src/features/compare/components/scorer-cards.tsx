"use client";

import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { ScorerDelta } from "../schemas";
import { Delta, formatMean, IntervalBar } from "./delta";

export type CountFilter = "regressed" | "improved" | "unchanged";

function CountButton({
  n,
  label,
  tone,
  onClick,
  testId,
}: {
  n: number;
  label: string;
  tone: "red" | "green" | "neutral";
  onClick: () => void;
  testId: string;
}) {
  const tones = {
    red: "text-red-700 hover:bg-red-50 ring-red-200",
    green: "text-emerald-700 hover:bg-emerald-50 ring-emerald-200",
    neutral: "text-zinc-600 hover:bg-zinc-100 ring-zinc-200",
  } as const;
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={n === 0}
      data-testid={testId}
      title={n === 0 ? undefined : `Show the ${label} items`}
      className={cn(
        "flex flex-col items-start rounded-md px-2 py-1 text-left ring-1 ring-inset transition-colors disabled:cursor-default disabled:opacity-50 disabled:hover:bg-transparent",
        tones[tone],
      )}
    >
      <span className="text-[15px] leading-5 font-semibold tabular-nums">{n.toLocaleString()}</span>
      <span className="text-[11px] opacity-80">{label}</span>
    </button>
  );
}

/** One card per scorer: means, the delta with its interval, and counts that filter the item table. */
export function ScorerCards({
  scorers,
  activeScorer,
  onFilter,
}: {
  scorers: ScorerDelta[];
  activeScorer: string | null;
  onFilter: (scorer: string, filter: CountFilter) => void;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
      {scorers.map((s) => (
        <article
          key={s.name}
          className={cn("flex flex-col gap-3 rounded-lg border bg-white p-4 shadow-xs", activeScorer === s.name ? "border-zinc-400" : "border-zinc-200")}
          data-testid="scorer-card"
          data-scorer={s.name}
        >
          <header className="flex items-center justify-between gap-2">
            <h3 className="truncate font-mono text-[13px] font-medium text-zinc-900" title={s.name}>
              {s.name}
            </h3>
            {s.significant ? (
              <Badge
                tone={s.delta !== null && s.delta < 0 ? "red" : "green"}
                data-testid="significant"
                title="The 95% interval excludes 0: unlikely to be noise"
              >
                significant
              </Badge>
            ) : (
              s.deltaInterval && <Badge title="The 95% interval includes 0: this could be noise">not significant</Badge>
            )}
          </header>
          <div className="flex items-baseline gap-3">
            <span className="text-[13px] text-zinc-500 tabular-nums" data-testid="scorer-means">
              {formatMean(s.baselineMean)} <span aria-hidden="true">→</span>
              <span className="sr-only">to</span> <span className="font-medium text-zinc-900">{formatMean(s.candidateMean)}</span>
            </span>
            <Delta value={s.delta} className="text-xl" data-testid="scorer-delta" />
          </div>
          <div className="flex items-center justify-between gap-3">
            <span className="text-[11px] text-zinc-500 tabular-nums" data-testid="scorer-interval">
              {s.deltaInterval ? (
                <>
                  95% CI [{s.deltaInterval[0] >= 0 ? "+" : "−"}
                  {Math.abs(s.deltaInterval[0]).toFixed(3)}, {s.deltaInterval[1] >= 0 ? "+" : "−"}
                  {Math.abs(s.deltaInterval[1]).toFixed(3)}]
                </>
              ) : (
                "95% CI —"
              )}
              <span className="ml-1.5 text-zinc-500">n={s.pairs.toLocaleString()}</span>
            </span>
            <IntervalBar interval={s.deltaInterval} delta={s.delta} width={120} />
          </div>
          <div className="grid grid-cols-3 gap-2">
            <CountButton n={s.regressions} label="regressed" tone="red" onClick={() => onFilter(s.name, "regressed")} testId="regressions-count" />
            <CountButton n={s.improvements} label="improved" tone="green" onClick={() => onFilter(s.name, "improved")} testId="improvements-count" />
            <CountButton n={s.unchanged} label="unchanged" tone="neutral" onClick={() => onFilter(s.name, "unchanged")} testId="unchanged-count" />
          </div>
          {(s.regressionsFromErrors > 0 || s.improvementsFromErrors > 0 || s.flakyMoves > 0 || s.unpaired > 0) && (
            <ul className="flex flex-col gap-0.5 text-[11px] text-zinc-500" data-testid="scorer-notes">
              {s.regressionsFromErrors > 0 && (
                <li className="text-red-700">{s.regressionsFromErrors.toLocaleString()} regressed because the candidate errored</li>
              )}
              {s.improvementsFromErrors > 0 && (
                <li className="text-emerald-700">{s.improvementsFromErrors.toLocaleString()} improved because the baseline had errored</li>
              )}
              {s.flakyMoves > 0 && <li className="text-amber-700">{s.flakyMoves.toLocaleString()} of the changed items are flaky in a run: may be noise</li>}
              {s.unpaired > 0 && <li>{s.unpaired.toLocaleString()} not paired: no computed score on one side</li>}
            </ul>
          )}
        </article>
      ))}
    </div>
  );
}
