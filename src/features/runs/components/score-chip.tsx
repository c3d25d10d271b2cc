import { formatScore } from "@/components/format";
import { cn } from "@/components/ui/cn";

export interface ScoreLike {
  name: string;
  value: number | null;
  passed: boolean | null;
  reason?: string | null;
  error: string | null;
  /** A gated scorer that did not run because a cheaper one failed. */
  skipped?: boolean;
}

/** Pass green, fail red, scorer error amber, skipped (gated) neutral; the name stays readable next to the value. */
export function scoreTone(score: ScoreLike): string {
  if (score.skipped) return "bg-zinc-50 text-zinc-500 ring-zinc-200";
  if (score.error) return "bg-amber-50 text-amber-800 ring-amber-200";
  if (score.passed === true) return "bg-emerald-50 text-emerald-800 ring-emerald-200";
  if (score.passed === false) return "bg-red-50 text-red-700 ring-red-200";
  return "bg-zinc-100 text-zinc-600 ring-zinc-200";
}

export function scoreVerdict(score: ScoreLike): string {
  if (score.skipped) return "skipped";
  if (score.error) return "scorer error";
  return score.passed ? "pass" : score.passed === false ? "fail" : "no verdict";
}

function chipTitle(score: ScoreLike): string {
  if (score.skipped) return `${score.name}: skipped${score.reason ? ` — ${score.reason}` : " (its gate did not pass)"}`;
  return `${score.name}: ${score.error ?? formatScore(score.value)} (${scoreVerdict(score)})${score.reason ? ` — ${score.reason}` : ""}`;
}

export function ScoreChip({ score }: { score: ScoreLike }) {
  return (
    <span
      // Chips in a row that is too narrow shrink alike, each keeping its mark and value and shortening its name
      // (a fixed width clipped the last chip mid-value: "similarity 0" cut at the cell's edge).
      className={cn("inline-flex h-5 max-w-40 min-w-14 shrink items-center gap-1 rounded px-1.5 text-[11px] ring-1 ring-inset", scoreTone(score))}
      title={chipTitle(score)}
      data-testid="score-chip"
      data-passed={score.skipped ? "skipped" : score.passed === null ? "none" : String(score.passed)}
    >
      {/* The verdict as a mark, not only as the chip's colour. */}
      {!score.skipped && !score.error && score.passed !== null && (
        <>
          <span aria-hidden="true" className="shrink-0 font-semibold">
            {score.passed ? "✓" : "✗"}
          </span>
          <span className="sr-only">{score.passed ? "pass" : "fail"}</span>
        </>
      )}
      <span className="min-w-0 truncate opacity-80">{score.name}</span>
      {score.skipped ? (
        <span className="shrink-0 italic">skipped</span>
      ) : (
        <span className="shrink-0 font-semibold tabular-nums">{score.error ? "err" : formatScore(score.value)}</span>
      )}
    </span>
  );
}
