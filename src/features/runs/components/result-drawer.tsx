"use client";

import type { ReactNode } from "react";
import { formatDuration, formatScore, shortId } from "@/components/format";
import { JsonView } from "@/components/json-view";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Drawer } from "@/components/ui/dialog";
import { Callout } from "@/components/ui/states";
import type { ResultDto } from "../schemas";
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

/** One result in full: input, expected and output side by side, then every score. */
export function ResultDrawer({ result, onClose }: { result: ResultDto | null; onClose: () => void }) {
  return (
    <Drawer
      open={result !== null}
      onOpenChange={(open) => !open && onClose()}
      title={result ? `Item ${shortId(result.itemId)}${result.repetition > 0 ? ` · repetition ${result.repetition + 1}` : ""}` : ""}
      description={
        result && (
          <span className="flex flex-wrap items-center gap-3">
            {result.error ? <Badge tone="red">Errored</Badge> : <Badge tone="green">Succeeded</Badge>}
            <span>Latency {formatDuration(result.latencyMs)}</span>
            <span>
              {result.attempts} {result.attempts === 1 ? "attempt" : "attempts"}
            </span>
            <span data-testid="drawer-round" title={result.round > 1 ? "This result was produced by “Retry failed items”" : "Produced by the run’s first execution"}>
              Round {result.round}
            </span>
            {(result.promptTokens !== null || result.completionTokens !== null) && (
              <span title={`${result.promptTokens ?? 0} prompt + ${result.completionTokens ?? 0} completion`}>
                {formatCount((result.promptTokens ?? 0) + (result.completionTokens ?? 0))} tokens
              </span>
            )}
            {result.costUsd !== null && <span>{formatCost(result.costUsd)}</span>}
          </span>
        )
      }
      data-testid="result-drawer"
    >
      {result && (
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

          <Panel title={`Scores (${result.scores.length})`}>
            {result.scores.length === 0 ? (
              <p className="text-[13px] text-zinc-500">{result.error ? "Not scored: the target call failed." : "This run has no scorers."}</p>
            ) : (
              <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
                {result.scores.map((score) => (
                  <li key={score.name} className="flex items-start gap-4 px-3.5 py-2.5" data-testid="drawer-score" data-skipped={score.skipped ? "true" : undefined}>
                    <span className="w-40 shrink-0 truncate text-[13px] font-medium text-zinc-800" title={score.name}>
                      {score.name}
                    </span>
                    <span className={cn("inline-flex h-5 shrink-0 items-center rounded px-1.5 text-[11px] font-semibold ring-1 ring-inset tabular-nums", scoreTone(score))}>
                      {score.skipped ? "skipped" : score.error ? "error" : `${formatScore(score.value)} · ${score.passed ? "pass" : "fail"}`}
                    </span>
                    <span className={cn("min-w-0 flex-1 text-[13px] break-words", score.skipped ? "text-zinc-500" : score.error ? "text-amber-800" : "text-zinc-600")}>
                      {score.error ?? score.reason ?? <span className="text-zinc-400">No reason given</span>}
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
