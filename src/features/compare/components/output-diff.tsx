"use client";

import { diffJson, diffWordsWithSpace } from "diff";
import { useMemo } from "react";
import { ChangesText, DIFF_MAX_CHARS as MAX_CHARS, DIFF_TIMEOUT_MS, JsonLines, structured } from "@/components/diff-view";
import { cn } from "@/components/ui/cn";

type Side = { output: unknown; error: string | null } | null;

function asText(side: Side): string {
  if (!side) return "";
  if (side.error !== null && (side.output === null || side.output === undefined)) return `[error] ${side.error}`;
  const value = side.output;
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

export type DiffMode = "json" | "text";

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
  const result = useMemo(() => {
    if (mode === "json") {
      const changes = diffJson(structured(baseline?.output) ?? {}, structured(candidate?.output) ?? {}, { timeout: DIFF_TIMEOUT_MS });
      return { changes, truncated: false };
    }
    const a = asText(baseline);
    const b = asText(candidate);
    const truncated = a.length > MAX_CHARS || b.length > MAX_CHARS;
    const changes = diffWordsWithSpace(a.slice(0, MAX_CHARS), b.slice(0, MAX_CHARS), { timeout: DIFF_TIMEOUT_MS });
    return { changes, truncated };
  }, [mode, baseline, candidate]);

  if (!baseline || !candidate) {
    return (
      <p className={cn("text-xs text-zinc-500 italic", className)}>
        {!baseline ? "Not in the baseline run: nothing to compare." : "Not in the candidate run: nothing to compare."}
      </p>
    );
  }
  const identical = result.changes?.every((c) => !c.added && !c.removed) ?? false;

  return (
    <div className={cn("min-w-0", className)} data-testid="output-diff" data-mode={mode}>
      <div className="mb-1.5 flex items-center gap-3 text-[11px] text-zinc-500">
        <span className="font-medium tracking-wide uppercase">{mode === "json" ? "JSON diff · keys sorted" : "Text diff"}</span>
        <span className="inline-flex items-center gap-1">
          <span className="inline-block size-2 rounded-sm bg-red-200" /> baseline only
        </span>
        <span className="inline-flex items-center gap-1">
          <span className="inline-block size-2 rounded-sm bg-emerald-200" /> candidate only
        </span>
        {identical && <span className="font-medium text-zinc-700">identical outputs</span>}
        {result.truncated && <span>first {MAX_CHARS.toLocaleString()} characters</span>}
      </div>
      {!result.changes ? (
        <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-xs text-zinc-500">
          These outputs differ too much to diff quickly; open the item to see both side by side.
        </p>
      ) : mode === "json" ? (
        <JsonLines changes={result.changes} className="max-h-80" />
      ) : (
        <ChangesText changes={result.changes} className="max-h-80" />
      )}
    </div>
  );
}
