import type { ReactNode } from "react";
import { formatDuration, formatPercent, formatScore } from "@/components/format";
import { cn } from "@/components/ui/cn";
import type { RunDto } from "../schemas";

function Card({
  label,
  children,
  footer,
  className,
  testId,
  title,
}: {
  label: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  className?: string;
  testId?: string;
  title?: string;
}) {
  return (
    <div className={cn("flex min-w-0 flex-col rounded-lg border border-zinc-200 bg-white px-4 py-3 shadow-xs", className)} data-testid={testId} title={title}>
      <div className="flex items-center gap-1.5 truncate text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{label}</div>
      <div className="mt-1.5 flex flex-wrap items-baseline gap-x-2 gap-y-1">{children}</div>
      {footer && <div className="mt-auto pt-1.5 text-xs text-zinc-500">{footer}</div>}
    </div>
  );
}

const Big = ({ children, className }: { children: ReactNode; className?: string }) => (
  <span className={cn("text-xl font-semibold tracking-tight whitespace-nowrap text-zinc-900 tabular-nums", className)}>{children}</span>
);

const Small = ({ value, label }: { value: ReactNode; label: string }) => (
  <span className="flex items-baseline gap-1 whitespace-nowrap">
    <span className="text-sm font-medium text-zinc-700 tabular-nums">{value}</span>
    <span className="text-xs text-zinc-500">{label}</span>
  </span>
);

/** 950, 12.3k, 4.1M: token counts, where the order of magnitude is what matters. */
export function formatCount(value: number): string {
  if (value < 1000) return value.toLocaleString();
  if (value < 1_000_000) return `${(value / 1000).toFixed(value < 10_000 ? 1 : 0)}k`;
  return `${(value / 1_000_000).toFixed(1)}M`;
}

/** $12.40, $0.031, $0.0004: enough digits that small per-item costs do not read as zero. */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return "—";
  if (usd === 0) return "$0";
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd >= 0.01) return `$${usd.toFixed(3)}`;
  return `$${usd.toPrecision(2)}`;
}

function passTone(passRate: number | null): string {
  if (passRate === null) return "text-zinc-500";
  return passRate >= 0.8 ? "text-emerald-700" : passRate >= 0.5 ? "text-amber-700" : "text-red-600";
}

/**
 * Results, latency, tokens and cost (when the target reports them) and one
 * card per scorer. The server refreshes the summary every 2 s while the run
 * runs, so these move live with the polling of runs.get.
 */
export function RunSummaryCards({ run }: { run: RunDto }) {
  const summary = run.summary;
  const succeeded = summary?.results.succeeded ?? run.doneCount - run.failedCount;
  const errored = summary?.results.errored ?? run.failedCount;
  // No summary yet: before the first results, or for a moment after "retry failed" until the server recomputes it.
  const waiting = (
    <span className="text-zinc-500">{run.doneCount > 0 ? "Updating…" : run.status === "pending" ? "Waiting to start" : "Waiting for results"}</span>
  );
  const tokens = summary ? summary.tokens.prompt + summary.tokens.completion : 0;
  const done = succeeded + errored;

  const notComputed = summary?.scoresNotComputed ?? 0;
  return (
    <div className="flex flex-col gap-3">
      {(errored > 0 || notComputed > 0) && summary && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200 ring-inset" role="status" data-testid="summary-notice">
          {errored > 0 && (
            <>
              {errored.toLocaleString()} of {done.toLocaleString()} results errored: each counts as 0 and not passed in every scorer’s mean and pass rate.{" "}
            </>
          )}
          {notComputed > 0 && (
            <>
              {notComputed.toLocaleString()} {notComputed === 1 ? "score" : "scores"} could not be computed: left out of the means; CI gates on those scorers
              treat the run as incomplete.
            </>
          )}
        </p>
      )}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-4" data-testid="summary-cards">
        <Card
          label="Results"
          testId="summary-results"
          footer={
            <>
              {done.toLocaleString()} of {run.total.toLocaleString()} done
            </>
          }
        >
          <Big>{succeeded.toLocaleString()}</Big>
          <span className="text-xs text-zinc-500">succeeded</span>
          <span className={cn("ml-auto text-sm font-medium tabular-nums", errored > 0 ? "text-red-600" : "text-zinc-500")}>
            {errored.toLocaleString()} errored
          </span>
        </Card>

        <Card label="Latency" testId="summary-latency" footer={summary?.latencyMs.mean != null ? <>mean {formatDuration(summary.latencyMs.mean)}</> : waiting}>
          <Big>{formatDuration(summary?.latencyMs.p50)}</Big>
          <span className="text-xs text-zinc-500">p50</span>
          {/* On a narrow card p95/p99 wrap under p50 rather than breaking "422 ms" apart. */}
          <span className="ml-auto flex flex-wrap items-baseline justify-end gap-x-3">
            <Small value={formatDuration(summary?.latencyMs.p95)} label="p95" />
            <Small value={formatDuration(summary?.latencyMs.p99)} label="p99" />
          </span>
        </Card>

        {tokens > 0 && summary && (
          <Card
            label="Tokens"
            testId="summary-tokens"
            footer={
              <>
                {formatCount(summary.tokens.prompt)} prompt · {formatCount(summary.tokens.completion)} completion
              </>
            }
            title={`${tokens.toLocaleString()} tokens`}
          >
            <Big>{formatCount(tokens)}</Big>
            <span className="text-xs text-zinc-500">total</span>
            {done > 0 && <Small value={formatCount(Math.round(tokens / done))} label="/ result" />}
          </Card>
        )}

        {summary?.totalCostUsd != null && (
          <Card
            label="Cost"
            testId="summary-cost"
            footer={
              <span data-testid="cost-split">
                target {formatCost(summary.costUsd ?? 0)} · scoring {formatCost(summary.scoring.costUsd ?? 0)}
                <span className="text-zinc-500"> · estimated from pricing</span>
              </span>
            }
          >
            <Big>{formatCost(summary.totalCostUsd)}</Big>
            {done > 0 && (
              <span className="ml-auto">
                <Small value={formatCost(summary.totalCostUsd / done)} label="/ result" />
              </span>
            )}
          </Card>
        )}

        {run.scorers.map((scorer) => {
          const s = summary?.scorers.find((entry) => entry.name === scorer.name);
          const passRate = s?.passRate ?? null;
          const gated = s?.gated ?? scorer.gate !== undefined;
          const ran = s ? s.scored + s.scorerErrors : 0;
          const considered = s ? ran + s.skipped : 0;
          return (
            <Card
              key={scorer.name}
              label={
                <>
                  <span className="truncate">{scorer.name}</span>
                  {gated && (
                    <span
                      className="rounded bg-violet-50 px-1 py-px text-[10px] font-medium tracking-normal text-violet-700 normal-case ring-1 ring-violet-200 ring-inset"
                      title={scorer.gate ? `Runs only where ${scorer.gate.requires.join(", ")} passed` : "Conditional scorer"}
                    >
                      gated
                    </span>
                  )}
                </>
              }
              testId="summary-scorer"
              title={
                s
                  ? `Mean and pass rate over ${s.counted.toLocaleString()} results: ${s.scored.toLocaleString()} scored${s.targetErrors > 0 ? ` and ${s.targetErrors.toLocaleString()} errored, counted as 0` : ""}.`
                  : undefined
              }
              footer={
                s ? (
                  <span className="flex flex-col gap-0.5">
                    <span>
                      {s.counted.toLocaleString()} counted
                      {s.targetErrors > 0 && (
                        <span className="text-red-600" data-testid="scorer-target-errors">
                          {" "}
                          · {s.targetErrors.toLocaleString()} errored as 0
                        </span>
                      )}
                      {s.skipped > 0 && <span> · {s.skipped.toLocaleString()} skipped</span>} · pass ≥ {formatScore(s.threshold)}
                    </span>
                    {s.targetErrors > 0 && (
                      <span data-testid="answered-only">
                        Answered only: mean {formatScore(s.answeredMean)} · pass {formatPercent(s.answeredPassRate)}
                      </span>
                    )}
                    {s.scorerErrors > 0 && (
                      <span className="text-amber-700" data-testid="scorer-errors">
                        {s.scorerErrors.toLocaleString()} {s.scorerErrors === 1 ? "score" : "scores"} could not be computed (left out)
                      </span>
                    )}
                    {s.flakyItems !== null && s.flakyItems > 0 && (
                      <span className="text-amber-700" data-testid="flaky-items">
                        {s.flakyItems.toLocaleString()} flaky {s.flakyItems === 1 ? "item" : "items"} (passed in some repetitions, not in others)
                      </span>
                    )}
                    {gated && (
                      <span className="text-violet-700" data-testid="gated-hint">
                        Ran on {ran.toLocaleString()} of {considered.toLocaleString()} outputs
                        {scorer.gate ? ` (where ${scorer.gate.requires.join(", ")} passed)` : ""}
                      </span>
                    )}
                  </span>
                ) : (
                  waiting
                )
              }
            >
              <Big>{formatScore(s?.mean)}</Big>
              <span className="text-xs text-zinc-500">mean</span>
              <span className={cn("ml-auto text-sm font-medium tabular-nums", passTone(passRate))}>{formatPercent(passRate)}</span>
              <span className="text-xs text-zinc-500">pass</span>
            </Card>
          );
        })}
      </div>
    </div>
  );
}
