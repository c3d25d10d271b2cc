"use client";

import { diffChars, diffJson, diffWordsWithSpace, type Change } from "diff";
import { useMemo, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Segmented } from "@/components/ui/tabs";

/** Diffing is quadratic in the worst case: cap the text and the time spent, so a huge output cannot freeze the drawer. */
const MAX_CHARS = 20_000;
const DIFF_TIMEOUT_MS = 250;

type Granularity = "words" | "chars";

/** A JSON object or array, given as a value or as text that parses to one (models often answer JSON as a string). */
function structured(value: unknown): object | null {
  if (value !== null && typeof value === "object") return value;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (!((text.startsWith("{") && text.endsWith("}")) || (text.startsWith("[") && text.endsWith("]")))) return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed !== null && typeof parsed === "object" ? parsed : null;
  } catch {
    return null;
  }
}

/** What a string scorer compares: strings as they are, other values as pretty JSON. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

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
  const a = mode === "text" ? asText(expected) : "";
  const b = mode === "text" ? asText(output) : "";
  const [chosen, setChosen] = useState<Granularity | null>(null);
  const granularity = chosen ?? defaultGranularity(a, b);

  const diff = useMemo(() => {
    if (mode === "json") return { changes: diffJson(expectedJson ?? {}, outputJson ?? {}, { timeout: DIFF_TIMEOUT_MS }), truncated: false };
    const truncated = a.length > MAX_CHARS || b.length > MAX_CHARS;
    const left = a.slice(0, MAX_CHARS);
    const right = b.slice(0, MAX_CHARS);
    const changes = granularity === "chars" ? diffChars(left, right, { timeout: DIFF_TIMEOUT_MS }) : diffWordsWithSpace(left, right, { timeout: DIFF_TIMEOUT_MS });
    return { changes, truncated };
  }, [mode, expectedJson, outputJson, a, b, granularity]);

  if (expected === null || expected === undefined) {
    return <p className="rounded-md border border-dashed border-zinc-200 px-3 py-2.5 text-xs text-zinc-500 italic" data-testid="result-diff" data-mode="none">No expected output: nothing to diff against.</p>;
  }
  if ((output === null || output === undefined) && error !== null) {
    return <p className="rounded-md border border-dashed border-zinc-200 px-3 py-2.5 text-xs text-zinc-500 italic" data-testid="result-diff" data-mode="none">No output to diff: the target call failed.</p>;
  }

  const identical = diff.changes?.every((c) => !c.added && !c.removed) ?? false;
  const stats = diff.changes ? countChanges(diff.changes, mode) : null;

  return (
    <div className="min-w-0" data-testid="result-diff" data-mode={mode} data-identical={identical ? "true" : "false"}>
      <div className="mb-1.5 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-[11px] text-zinc-500">
        <span className="inline-flex items-center gap-1">
          <span className="inline-block size-2 rounded-sm bg-red-200" /> expected only
        </span>
        <span className="inline-flex items-center gap-1">
          <span className="inline-block size-2 rounded-sm bg-emerald-200" /> output only
        </span>
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
      {!diff.changes ? (
        <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-xs text-zinc-500">These values differ too much to diff quickly; compare the panels above.</p>
      ) : mode === "json" ? (
        <JsonLines changes={diff.changes} />
      ) : (
        <pre className="max-h-[40vh] overflow-auto rounded-md border border-zinc-200 bg-white px-3 py-2.5 font-mono text-xs leading-relaxed whitespace-pre-wrap text-zinc-800 [overflow-wrap:anywhere]">
          {diff.changes.map((change, i) =>
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

type Line = { sign: "+" | "-" | " "; text: string; /** Word-level changes against its counterpart line, for a changed line. */ parts?: Change[] };

/** Unified JSON lines; a removed line followed by its replacement also highlights the words that changed inside it. */
function JsonLines({ changes }: { changes: Change[] }) {
  const lines: Line[] = [];
  const split = (value: string) => value.replace(/\n$/, "").split("\n");
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      const removed = split(change.value);
      const added = split(next.value);
      const pairs = Math.min(removed.length, added.length);
      const partsOf = (k: number) => (k < pairs && (removed[k]!.length + added[k]!.length) < 2_000 ? diffWordsWithSpace(removed[k]!, added[k]!) : undefined);
      const paired = removed.map((_, k) => partsOf(k));
      removed.forEach((text, k) => lines.push({ sign: "-", text, parts: paired[k]?.filter((p) => !p.added) }));
      added.forEach((text, k) => lines.push({ sign: "+", text, parts: paired[k]?.filter((p) => !p.removed) }));
      i++;
      continue;
    }
    const sign = change.added ? "+" : change.removed ? "-" : " ";
    for (const text of split(change.value)) lines.push({ sign, text });
  }
  return (
    <div className="max-h-[40vh] overflow-auto rounded-md border border-zinc-200 bg-white py-1.5 font-mono text-xs leading-relaxed">
      {lines.map((line, i) => (
        <div
          key={i}
          className={cn("flex px-2", line.sign === "-" && "bg-red-50 text-red-800", line.sign === "+" && "bg-emerald-50 text-emerald-900", line.sign === " " && "text-zinc-700")}
          data-testid={line.sign === "-" ? "diff-removed" : line.sign === "+" ? "diff-added" : undefined}
        >
          <span className="w-4 shrink-0 text-zinc-400 select-none">{line.sign}</span>
          <span className="whitespace-pre-wrap [overflow-wrap:anywhere]">
            {line.parts
              ? line.parts.map((part, k) =>
                  part.added || part.removed ? (
                    <span key={k} className={cn("rounded-sm", part.removed ? "bg-red-200/80" : "bg-emerald-200/80")}>
                      {part.value}
                    </span>
                  ) : (
                    <span key={k}>{part.value}</span>
                  ),
                )
              : line.text}
          </span>
        </div>
      ))}
    </div>
  );
}
