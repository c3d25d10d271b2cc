import { formatScore } from "@/components/format";
import { cn } from "@/components/ui/cn";

export interface ScoreLike {
  name: string;
  value: number | null;
  passed: boolean | null;
  reason?: string | null;
  error: string | null;
}

/** Pass green, fail red, scorer error amber; the name stays readable next to the value. */
export function scoreTone(score: ScoreLike): string {
  if (score.error) return "bg-amber-50 text-amber-800 ring-amber-200";
  if (score.passed === true) return "bg-emerald-50 text-emerald-800 ring-emerald-200";
  if (score.passed === false) return "bg-red-50 text-red-700 ring-red-200";
  return "bg-zinc-100 text-zinc-600 ring-zinc-200";
}

export function ScoreChip({ score }: { score: ScoreLike }) {
  const verdict = score.error ? "scorer error" : score.passed ? "pass" : score.passed === false ? "fail" : "no verdict";
  return (
    <span
      className={cn("inline-flex h-5 max-w-40 shrink-0 items-center gap-1 rounded px-1.5 text-[11px] ring-1 ring-inset", scoreTone(score))}
      title={`${score.name}: ${score.error ?? formatScore(score.value)} (${verdict})${score.reason ? ` — ${score.reason}` : ""}`}
      data-testid="score-chip"
      data-passed={score.passed === null ? "none" : String(score.passed)}
    >
      <span className="truncate opacity-80">{score.name}</span>
      <span className="font-semibold tabular-nums">{score.error ? "err" : formatScore(score.value)}</span>
    </span>
  );
}
