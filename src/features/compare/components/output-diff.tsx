"use client";

import { useMemo } from "react";
import { cappedDiff, DIFF_MAX_CHARS as MAX_CHARS, DiffBody, DiffLegend, isIdentical, structured, type DiffMode } from "@/components/diff-view";
import { cn } from "@/components/ui/cn";

type Side = { output: unknown; error: string | null } | null;

/** What a side shows in a text diff: its output, or its error when it has none. */
function sideValue(side: Side): unknown {
  if (side && side.error !== null && (side.output === null || side.output === undefined)) return `[error] ${side.error}`;
  return side?.output;
}

export type { DiffMode };

export function diffModeOf(baseline: Side, candidate: Side): DiffMode {
  return structured(baseline?.output) && structured(candidate?.output) && !baseline?.error && !candidate?.error ? "json" : "text";
}

/**
 * Baseline vs candidate output. JSON outputs (objects, arrays, or strings
 * holding them) are compared line by line on canonical JSON — keys sorted, so
 * reordering is not a change; everything else word by word.
 */
export function OutputDiff({ baseline, candidate, className }: { baseline: Side; candidate: Side; className?: string }) {
  const mode = diffModeOf(baseline, candidate);
  const result = useMemo(() => cappedDiff(mode, [sideValue(baseline), sideValue(candidate)]), [mode, baseline, candidate]);

  if (!baseline || !candidate) {
    return (
      <p className={cn("text-xs text-zinc-500 italic", className)}>
        {!baseline ? "Not in the baseline run: nothing to compare." : "Not in the candidate run: nothing to compare."}
      </p>
    );
  }
  const identical = isIdentical(result);

  return (
    <div className={cn("min-w-0", className)} data-testid="output-diff" data-mode={mode}>
      <div className="mb-1.5 flex items-center gap-3 text-[11px] text-zinc-500">
        <span className="font-medium tracking-wide uppercase">{mode === "json" ? "JSON diff · keys sorted" : "Text diff"}</span>
        <DiffLegend removed="baseline only" added="candidate only" />
        {identical && <span className="font-medium text-zinc-700">identical outputs</span>}
        {result.truncated && <span>first {MAX_CHARS.toLocaleString()} characters</span>}
      </div>
      <DiffBody
        diff={result}
        mode={mode}
        className="max-h-80"
        timedOut="These outputs differ too much to diff quickly; open the item to see both side by side."
      />
    </div>
  );
}
