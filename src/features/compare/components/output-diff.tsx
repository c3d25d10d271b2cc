"use client";

import { diffJson, diffWordsWithSpace, type Change } from "diff";
import { useMemo } from "react";
import { cn } from "@/components/ui/cn";

/** Diffing is quadratic in the worst case: cap the text and the time spent. */
const MAX_CHARS = 20_000;
const DIFF_TIMEOUT_MS = 300;

type Side = { output: unknown; error: string | null } | null;

/** A JSON object or array, given as a value or as text that parses to one (models often answer JSON as a string). */
function structured(value: unknown): object | null {
  if (value !== null && typeof value === "object") return value;
  if (typeof value === "string") {
    const text = value.trim();
    if ((text.startsWith("{") && text.endsWith("}")) || (text.startsWith("[") && text.endsWith("]"))) {
      try {
        const parsed = JSON.parse(text) as unknown;
        if (parsed !== null && typeof parsed === "object") return parsed;
      } catch {
        // not JSON after all: compared as text
      }
    }
  }
  return null;
}

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
    return <p className={cn("text-xs text-zinc-500 italic", className)}>{!baseline ? "Not in the baseline run: nothing to compare." : "Not in the candidate run: nothing to compare."}</p>;
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
        <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-xs text-zinc-500">These outputs differ too much to diff quickly; open the item to see both side by side.</p>
      ) : mode === "json" ? (
        <JsonLines changes={result.changes} />
      ) : (
        <pre className="max-h-80 overflow-auto rounded-md border border-zinc-200 bg-white px-3 py-2.5 font-mono text-xs leading-relaxed whitespace-pre-wrap text-zinc-800 [overflow-wrap:anywhere]">
          {result.changes.map((change, i) =>
            change.removed ? (
              <del key={i} className="rounded-sm bg-red-100 text-red-800 decoration-red-400" data-testid="diff-removed">
                {change.value}
              </del>
            ) : change.added ? (
              <ins key={i} className="rounded-sm bg-emerald-100 text-emerald-900 no-underline" data-testid="diff-added">
                {change.value}
              </ins>
            ) : (
              <span key={i}>{change.value}</span>
            ),
          )}
        </pre>
      )}
    </div>
  );
}

function JsonLines({ changes }: { changes: Change[] }) {
  const lines: { sign: "+" | "-" | " "; text: string }[] = [];
  for (const change of changes) {
    const sign = change.added ? "+" : change.removed ? "-" : " ";
    const parts = change.value.replace(/\n$/, "").split("\n");
    for (const text of parts) lines.push({ sign, text });
  }
  return (
    <div className="max-h-80 overflow-auto rounded-md border border-zinc-200 bg-white py-1.5 font-mono text-xs leading-relaxed">
      {lines.map((line, i) => (
        <div
          key={i}
          className={cn("flex px-2", line.sign === "-" && "bg-red-50 text-red-800", line.sign === "+" && "bg-emerald-50 text-emerald-900", line.sign === " " && "text-zinc-700")}
          data-testid={line.sign === "-" ? "diff-removed" : line.sign === "+" ? "diff-added" : undefined}
        >
          <span className="w-4 shrink-0 text-zinc-400 select-none">{line.sign}</span>
          <span className="whitespace-pre-wrap [overflow-wrap:anywhere]">{line.text}</span>
        </div>
      ))}
    </div>
  );
}
