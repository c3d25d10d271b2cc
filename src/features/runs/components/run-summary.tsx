import type { ReactNode } from "react";
import { formatDuration, formatPercent, formatScore } from "@/components/format";
import { cn } from "@/components/ui/cn";
import type { RunDto } from "../schemas";

function Card({ label, children, footer, className, testId }: { label: ReactNode; children: ReactNode; footer?: ReactNode; className?: string; testId?: string }) {
  return (
    <div className={cn("flex min-w-0 flex-col rounded-lg border border-zinc-200 bg-white px-4 py-3 shadow-xs", className)} data-testid={testId}>
      <div className="truncate text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{label}</div>
      <div className="mt-1.5 flex items-baseline gap-2">{children}</div>
      {footer && <div className="mt-auto pt-1.5 text-xs text-zinc-500">{footer}</div>}
    </div>
  );
}

const Big = ({ children, className }: { children: ReactNode; className?: string }) => <span className={cn("text-xl font-semibold tracking-tight text-zinc-900 tabular-nums", className)}>{children}</span>;

/**
 * Results, latency and one card per scorer. The summary is computed when the
 * run ends; until then the counters are live and the rest says so.
 */
export function RunSummaryCards({ run }: { run: RunDto }) {
  const summary = run.summary;
  const succeeded = summary?.results.succeeded ?? run.doneCount - run.failedCount;
  const errored = summary?.results.errored ?? run.failedCount;
  const pendingNote = <span className="text-zinc-400">When the run finishes</span>;

  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-3 2xl:grid-cols-4" data-testid="summary-cards">
      <Card label="Results" testId="summary-results" footer={<>{(succeeded + errored).toLocaleString()} of {run.total.toLocaleString()} done</>}>
        <Big>{succeeded.toLocaleString()}</Big>
        <span className="text-xs text-zinc-500">succeeded</span>
        <span className={cn("ml-auto text-sm font-medium tabular-nums", errored > 0 ? "text-red-600" : "text-zinc-400")}>{errored.toLocaleString()} errored</span>
      </Card>
      <Card label="Latency" testId="summary-latency" footer={summary ? <>mean {formatDuration(summary.latencyMs.mean)}</> : pendingNote}>
        <Big>{formatDuration(summary?.latencyMs.p50)}</Big>
        <span className="text-xs text-zinc-500">p50</span>
        <span className="ml-auto text-sm font-medium text-zinc-700 tabular-nums">{formatDuration(summary?.latencyMs.p95)}</span>
        <span className="text-xs text-zinc-500">p95</span>
      </Card>
      {run.scorers.map((scorer) => {
        const s = summary?.scorers.find((entry) => entry.name === scorer.name);
        const passRate = s?.passRate ?? null;
        return (
          <Card
            key={scorer.name}
            label={scorer.name}
            testId="summary-scorer"
            footer={
              s ? (
                <>
                  {s.scored.toLocaleString()} scored{s.errored > 0 && <span className="text-amber-700"> · {s.errored.toLocaleString()} scorer errors</span>} · pass ≥ {formatScore(s.threshold)}
                </>
              ) : (
                pendingNote
              )
            }
          >
            <Big>{formatScore(s?.mean)}</Big>
            <span className="text-xs text-zinc-500">mean</span>
            <span className={cn("ml-auto text-sm font-medium tabular-nums", passRate === null ? "text-zinc-400" : passRate >= 0.8 ? "text-emerald-700" : passRate >= 0.5 ? "text-amber-700" : "text-red-600")}>
              {formatPercent(passRate)}
            </span>
            <span className="text-xs text-zinc-500">pass</span>
          </Card>
        );
      })}
    </div>
  );
}
