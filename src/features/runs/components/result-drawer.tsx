"use client";

import type { ReactNode } from "react";
import { formatDuration, formatScore } from "@/components/format";
import { JsonView } from "@/components/json-view";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Drawer } from "@/components/ui/dialog";
import { ChevronLeftIcon, ChevronRightIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { Callout } from "@/components/ui/states";
import type { ResultDto } from "../schemas";
import { ResultDiff } from "./result-diff";
import { formatCost, formatCount } from "./run-summary";
import { scoreTone } from "./score-chip";

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <h3 className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{title}</h3>
      {children}
    </div>
  );
}

export interface DrawerNavigation {
  onPrevious: () => void;
  onNext: () => void;
  hasPrevious: boolean;
  hasNext: boolean;
  /** "12 of 10,000": where this result sits in the current filter. */
  position: string | null;
}

function NavButtons({ nav }: { nav: DrawerNavigation }) {
  return (
    <span className="ml-auto flex items-center gap-1.5" data-testid="drawer-nav">
      {nav.position && (
        <span className="mr-1 text-xs whitespace-nowrap text-zinc-500 tabular-nums" data-testid="drawer-position">
          {nav.position}
        </span>
      )}
      <Button size="sm" variant="secondary" onClick={nav.onPrevious} disabled={!nav.hasPrevious} title="Previous result (k)" aria-label="Previous result">
        <ChevronLeftIcon width={14} height={14} /> Prev
      </Button>
      <Button size="sm" variant="secondary" onClick={nav.onNext} disabled={!nav.hasNext} title="Next result (j)" aria-label="Next result">
        Next <ChevronRightIcon width={14} height={14} />
      </Button>
    </span>
  );
}

/**
 * One result in full: input, expected and output side by side, a diff of
 * expected vs output, then every score. `open` with no `result` yet shows a
 * skeleton (a result from another page being fetched).
 */
export function ResultDrawer({ open, result, onClose, nav }: { open: boolean; result: ResultDto | null; onClose: () => void; nav: DrawerNavigation }) {
  return (
    <Drawer
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={result ? `Item #${result.ordinal.toLocaleString()}${result.repetition > 0 ? ` · repetition ${result.repetition + 1}` : ""}` : "Loading result…"}
      description={
        result && (
          <span className="flex flex-wrap items-center gap-3">
            {result.error ? <Badge tone="red">Errored</Badge> : <Badge tone="green">Succeeded</Badge>}
            {result.scores.some((s) => s.passed === false) && (
              <Badge tone="amber" data-testid="drawer-failing">
                {result.scores.filter((s) => s.passed === false).length} failing{" "}
                {result.scores.filter((s) => s.passed === false).length === 1 ? "score" : "scores"}
              </Badge>
            )}
            <span>Latency {formatDuration(result.latencyMs)}</span>
            <span>
              {result.attempts} {result.attempts === 1 ? "attempt" : "attempts"}
            </span>
            <span
              data-testid="drawer-round"
              title={result.round > 1 ? "This result was produced by “Retry failed items”" : "Produced by the run’s first execution"}
            >
              Round {result.round}
            </span>
            {result.promptTokens !== null || result.completionTokens !== null ? (
              <span title={`${result.promptTokens ?? 0} prompt + ${result.completionTokens ?? 0} completion`} data-testid="drawer-tokens">
                {formatCount((result.promptTokens ?? 0) + (result.completionTokens ?? 0))} tokens
              </span>
            ) : (
              <span className="text-zinc-500" title="The target did not report token usage" data-testid="drawer-tokens">
                Tokens —
              </span>
            )}
            {result.costUsd !== null && <span>{formatCost(result.costUsd)}</span>}
          </span>
        )
      }
      data-testid="result-drawer"
    >
      <div className="-mt-1 mb-4 flex items-center gap-2 border-b border-zinc-100 pb-3 text-[11px] text-zinc-500">
        {/* Keys are for a keyboard: a phone gets the buttons and the room for "12 of 10,000". */}
        <span className="hidden sm:inline">
          <kbd className="rounded border border-zinc-200 bg-zinc-50 px-1 font-sans">j</kbd> /{" "}
          <kbd className="rounded border border-zinc-200 bg-zinc-50 px-1 font-sans">k</kbd> next / previous ·{" "}
          <kbd className="rounded border border-zinc-200 bg-zinc-50 px-1 font-sans">Esc</kbd> close
        </span>
        <NavButtons nav={nav} />
      </div>
      {!result ? (
        <div className="flex flex-col gap-4" aria-busy="true">
          <div className="grid gap-4 lg:grid-cols-3">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-32" />
            ))}
          </div>
          <Skeleton className="h-24" />
        </div>
      ) : (
        <div className="flex flex-col gap-6">
          {result.error && <Callout title="The target call failed">{result.error}</Callout>}
          <div className="grid gap-4 lg:grid-cols-3">
            <Panel title="Input">
              <JsonView value={result.input} />
            </Panel>
            <Panel title="Expected output">
              <JsonView value={result.expectedOutput} empty="No expected output" />
            </Panel>
            <Panel title="Output">
              <JsonView value={result.output} empty={result.error ? "No output (the call failed)" : "Empty output"} />
            </Panel>
          </div>

          <Panel title="Diff · expected vs output">
            <ResultDiff expected={result.expectedOutput} output={result.output} error={result.error} />
          </Panel>

          <Panel title={`Scores (${result.scores.length})`}>
            {result.scores.length === 0 ? (
              <p className="text-[13px] text-zinc-500">{result.error ? "Not scored: the target call failed." : "This run has no scorers."}</p>
            ) : (
              <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
                {result.scores.map((score) => (
                  <li
                    key={score.name}
                    className="flex flex-wrap items-start gap-x-4 gap-y-1 px-3.5 py-2.5 sm:flex-nowrap"
                    data-testid="drawer-score"
                    data-skipped={score.skipped ? "true" : undefined}
                  >
                    <span className="min-w-0 flex-1 truncate text-[13px] font-medium text-zinc-800 sm:w-40 sm:flex-none sm:shrink-0" title={score.name}>
                      {score.name}
                    </span>
                    <span
                      className={cn(
                        "inline-flex h-5 shrink-0 items-center rounded px-1.5 text-[11px] font-semibold ring-1 ring-inset tabular-nums",
                        scoreTone(score),
                      )}
                    >
                      {score.skipped ? "skipped" : score.error ? "error" : `${formatScore(score.value)} · ${score.passed ? "pass" : "fail"}`}
                    </span>
                    <span
                      className={cn(
                        // On a phone the reason takes its own line under the name and the chip.
                        "min-w-0 basis-full text-[13px] break-words sm:basis-auto sm:flex-1",
                        score.skipped ? "text-zinc-500" : score.error ? "text-amber-800" : "text-zinc-600",
                      )}
                    >
                      {score.error ?? score.reason ?? <span className="text-zinc-500">No reason given</span>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>

          {result.metadata !== null && (
            <Panel title="Metadata">
              <JsonView value={result.metadata} maxHeight="max-h-60" />
            </Panel>
          )}
        </div>
      )}
    </Drawer>
  );
}
