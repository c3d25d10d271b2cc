"use client";

import { diffJson, diffWordsWithSpace, type Change } from "diff";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * Rendering of diffs computed with jsdiff, shared by the result drawer
 * (expected vs output) and the comparison (baseline vs candidate).
 */

/** Diffing is quadratic in the worst case: callers cap the text and the time spent, so a huge value cannot freeze the page. */
export const DIFF_MAX_CHARS = 20_000;
export const DIFF_TIMEOUT_MS = 250;

/** A JSON object or array, given as a value or as text that parses to one (models often answer JSON as a string). */
export function structured(value: unknown): object | null {
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

/** How a value is diffed as text: strings as they are, other values as pretty JSON. */
export function diffText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

export type DiffMode = "json" | "text";

/** The outcome of a capped diff: no changes when it ran out of time. */
export interface CappedDiff {
  changes: Change[] | undefined;
  truncated: boolean;
}

/**
 * Two JSON values line by line (keys sorted by diffJson's canonical form), or
 * two texts with `diffTexts`, each cut at DIFF_MAX_CHARS; both within
 * DIFF_TIMEOUT_MS.
 */
export function cappedDiff(
  mode: DiffMode,
  [left, right]: [unknown, unknown],
  diffTexts: (a: string, b: string, options: { timeout: number }) => Change[] | undefined = diffWordsWithSpace,
): CappedDiff {
  if (mode === "json") return { changes: diffJson(structured(left) ?? {}, structured(right) ?? {}, { timeout: DIFF_TIMEOUT_MS }), truncated: false };
  const a = diffText(left);
  const b = diffText(right);
  const truncated = a.length > DIFF_MAX_CHARS || b.length > DIFF_MAX_CHARS;
  return { changes: diffTexts(a.slice(0, DIFF_MAX_CHARS), b.slice(0, DIFF_MAX_CHARS), { timeout: DIFF_TIMEOUT_MS }), truncated };
}

/** Whether a diff found no change at all. */
export const isIdentical = (diff: CappedDiff): boolean => diff.changes?.every((c) => !c.added && !c.removed) ?? false;

/** The colour key above a diff: what the red and the green parts stand for. */
export function DiffLegend({ removed, added }: { removed: string; added: string }) {
  return (
    <>
      <span className="inline-flex items-center gap-1">
        <span className="inline-block size-2 rounded-sm bg-red-200" /> {removed}
      </span>
      <span className="inline-flex items-center gap-1">
        <span className="inline-block size-2 rounded-sm bg-emerald-200" /> {added}
      </span>
    </>
  );
}

/** The diff itself: JSON lines or marked-up text, or `timedOut` when the diff gave up. */
export function DiffBody({ diff, mode, className, timedOut }: { diff: CappedDiff; mode: DiffMode; className: string; timedOut: ReactNode }) {
  if (!diff.changes) return <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-xs text-zinc-500">{timedOut}</p>;
  return mode === "json" ? <JsonLines changes={diff.changes} className={className} /> : <ChangesText changes={diff.changes} className={className} />;
}

/** A text diff: removed parts struck through in red, added parts in green. */
export function ChangesText({ changes, className }: { changes: Change[]; className?: string }) {
  return (
    <pre
      className={cn(
        "overflow-auto rounded-md border border-zinc-200 bg-white px-3 py-2.5 font-mono text-xs leading-relaxed whitespace-pre-wrap text-zinc-800 [overflow-wrap:anywhere]",
        className,
      )}
    >
      {changes.map((change, i) =>
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
  );
}

type Line = { sign: "+" | "-" | " "; text: string; /** Word-level changes against its counterpart line, for a changed line. */ parts?: Change[] };

/** Unified JSON lines; a removed line followed by its replacement also highlights the words that changed inside it. */
export function JsonLines({ changes, className }: { changes: Change[]; className?: string }) {
  const lines: Line[] = [];
  const split = (value: string) => value.replace(/\n$/, "").split("\n");
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      const removed = split(change.value);
      const added = split(next.value);
      const pairs = Math.min(removed.length, added.length);
      const partsOf = (k: number) => (k < pairs && removed[k]!.length + added[k]!.length < 2_000 ? diffWordsWithSpace(removed[k]!, added[k]!) : undefined);
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
    <div className={cn("overflow-auto rounded-md border border-zinc-200 bg-white py-1.5 font-mono text-xs leading-relaxed", className)}>
      {lines.map((line, i) => (
        <div
          key={i}
          className={cn(
            "flex px-2",
            line.sign === "-" && "bg-red-50 text-red-800",
            line.sign === "+" && "bg-emerald-50 text-emerald-900",
            line.sign === " " && "text-zinc-700",
          )}
          data-testid={line.sign === "-" ? "diff-removed" : line.sign === "+" ? "diff-added" : undefined}
        >
          <span className="w-4 shrink-0 text-zinc-500 select-none">{line.sign}</span>
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
