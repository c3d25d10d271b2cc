"use client";

import { diffChars, diffWordsWithSpace, type Change } from "diff";
import { useMemo, useState } from "react";
import { cappedDiff, DIFF_MAX_CHARS as MAX_CHARS, DiffBody, DiffLegend, diffText, isIdentical, structured } from "@/components/diff-view";
import { Segmented } from "@/components/ui/tabs";

type Granularity = "words" | "chars";

/** Short single tokens ("q12" vs "q13") read best character by character; prose word by word. */
function defaultGranularity(a: string, b: string): Granularity {
  return a.length <= 80 && b.length <= 80 && !/\s/.test(a) && !/\s/.test(b) ? "chars" : "words";
}

/**
 * Expected vs actual output. Two JSON values (objects, arrays, or strings
 * holding them) are diffed line by line on canonical JSON — keys sorted, so a
 * reordered key is not a change; anything else as text, by words or characters.
 */
export function ResultDiff({ expected, output, error }: { expected: unknown; output: unknown; error: string | null }) {
  const expectedJson = useMemo(() => structured(expected), [expected]);
  const outputJson = useMemo(() => structured(output), [output]);
  const mode = expectedJson && outputJson ? "json" : "text";
  // diffText is also what a string scorer compares: strings as they are, other values as pretty JSON.
  const a = mode === "text" ? diffText(expected) : "";
  const b = mode === "text" ? diffText(output) : "";
  const [chosen, setChosen] = useState<Granularity | null>(null);
  const granularity = chosen ?? defaultGranularity(a, b);

  const diff = useMemo(
    () => cappedDiff(mode, [expected, output], granularity === "chars" ? diffChars : diffWordsWithSpace),
    [mode, expected, output, granularity],
  );

  if (expected === null || expected === undefined) {
    return (
      <p className="rounded-md border border-dashed border-zinc-200 px-3 py-2.5 text-xs text-zinc-500 italic" data-testid="result-diff" data-mode="none">
        No expected output: nothing to diff against.
      </p>
    );
  }
  if ((output === null || output === undefined) && error !== null) {
    return (
      <p className="rounded-md border border-dashed border-zinc-200 px-3 py-2.5 text-xs text-zinc-500 italic" data-testid="result-diff" data-mode="none">
        No output to diff: the target call failed.
      </p>
    );
  }

  const identical = isIdentical(diff);
  const stats = diff.changes ? countChanges(diff.changes, mode) : null;

  return (
    <div className="min-w-0" data-testid="result-diff" data-mode={mode} data-identical={identical ? "true" : "false"}>
      <div className="mb-1.5 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-[11px] text-zinc-500">
        <DiffLegend removed="expected only" added="output only" />
        {identical ? (
          <span className="font-medium text-emerald-700" data-testid="diff-identical">
            Output matches the expected output
          </span>
        ) : (
          stats && (
            <span className="tabular-nums" data-testid="diff-stats">
              <span className="text-red-700">−{stats.removed}</span> <span className="text-emerald-700">+{stats.added}</span> {stats.unit}
            </span>
          )
        )}
        {diff.truncated && <span>first {MAX_CHARS.toLocaleString()} characters</span>}
        <span className="ml-auto">
          {mode === "json" ? (
            <span className="font-medium tracking-wide uppercase">JSON · keys sorted</span>
          ) : (
            <Segmented
              label="Diff granularity"
              value={granularity}
              onChange={setChosen}
              items={[
                { value: "words", label: "Words" },
                { value: "chars", label: "Characters" },
              ]}
            />
          )}
        </span>
      </div>
      <DiffBody diff={diff} mode={mode} className="max-h-[40vh]" timedOut="These values differ too much to diff quickly; compare the panels above." />
    </div>
  );
}

function countChanges(changes: Change[], mode: "json" | "text"): { added: number; removed: number; unit: string } {
  let added = 0;
  let removed = 0;
  for (const change of changes) {
    // Lines for JSON; for text, the count of changed pieces (words or character runs).
    const size = mode === "json" ? (change.count ?? 1) : 1;
    if (change.added) added += size;
    else if (change.removed) removed += size;
  }
  return { added, removed, unit: mode === "json" ? "lines" : "changes" };
}
