/**
 * Every figure Trialrun shows about scores, defined once: the run summary,
 * the runs list, the comparison, the CLI gates and the README all follow these
 * definitions. Pure functions over counts (the database does the counting), so
 * the rules can be tested on the cases where a naive computation is wrong:
 * errored items, skipped and uncomputed scores, repetitions, tiny runs.
 *
 * The rules:
 * - A result whose target call failed (after its retries) has no output to
 *   score. For every scorer of the run it counts as score 0 and not passed.
 * - A gated score that was skipped is left out (that is what gating is for).
 * - A score the scorer could not compute (it threw) is left out of the mean and
 *   the pass rate, and counted apart: a gate on that scorer treats the run as
 *   incomplete.
 * - So, per scorer: counted = scored + errored results; mean = sum of computed
 *   values / counted; pass rate = passed / counted. The "answered" mean and
 *   pass rate are the same over scored results only.
 */

/** What the database counts for one scorer over a set of results (a run, or one item's repetitions). */
export interface ScoreCounts {
  /** Sum of the computed values. */
  valueSum: number;
  /** Results with a computed value (the target answered, the scorer ran and returned a number). */
  scored: number;
  /** Of `scored`, those at or above the threshold. */
  passed: number;
  /** Results whose target call failed: each counts as 0 and not passed. */
  targetErrors: number;
  /** Results the scorer could not score (it threw or returned no number): left out, reported. */
  scorerErrors: number;
  /** Gated scores that did not run because a scorer they require did not pass: left out. */
  skipped: number;
}

export interface ScoreFigures {
  /** Results the mean and the pass rate are over: scored + target errors. */
  counted: number;
  /** Mean over all counted results, target errors as 0; null when nothing was counted. */
  mean: number | null;
  /** Share of counted results that passed (target errors did not). */
  passRate: number | null;
  /** Mean over answered results only (target errors left out), labelled as such wherever shown. */
  answeredMean: number | null;
  answeredPassRate: number | null;
}

export function scoreFigures(counts: ScoreCounts): ScoreFigures {
  const counted = counts.scored + counts.targetErrors;
  return {
    counted,
    mean: counted > 0 ? counts.valueSum / counted : null,
    passRate: counted > 0 ? counts.passed / counted : null,
    answeredMean: counts.scored > 0 ? counts.valueSum / counts.scored : null,
    answeredPassRate: counts.scored > 0 ? counts.passed / counts.scored : null,
  };
}

/**
 * An item is flaky on a scorer when, over its repetitions, it passed in some
 * and did not pass in others (a target error is "not passed"). Needs two or
 * more counted repetitions by construction.
 */
export function isFlaky(counts: Pick<ScoreCounts, "scored" | "passed" | "targetErrors">): boolean {
  const notPassed = counts.scored - counts.passed + counts.targetErrors;
  return counts.passed > 0 && notPassed > 0;
}

/**
 * Nearest-rank percentile: the smallest value with at least p of the values at
 * or below it, so p99 of 25 values is the largest and p50 of 4 is the 2nd.
 * Returns the 0-based index into the values sorted ascending.
 */
export function nearestRankIndex(count: number, p: number): number {
  if (count <= 0) throw new RangeError("no values");
  return Math.min(count, Math.max(1, Math.ceil(p * count))) - 1;
}

export function percentile(sortedAscending: readonly number[], p: number): number | null {
  return sortedAscending.length === 0 ? null : sortedAscending[nearestRankIndex(sortedAscending.length, p)]!;
}

/**
 * How an item moved between a baseline and a candidate on one scorer. Values
 * are per-item figures (the mean over the item's repetitions, target errors as
 * 0). An item the candidate errored on in every repetition, where the baseline
 * answered, regressed whatever its scores; the reverse improved; otherwise the
 * delta decides, and a change within epsilon is unchanged.
 */
export type ItemMove = "regressed" | "improved" | "unchanged";

export interface ItemSide {
  /** Per-item value: mean over its counted repetitions; null when none were counted. */
  value: number | null;
  /** Every repetition of the item errored. */
  allErrored: boolean;
}

export function itemMove(baseline: ItemSide, candidate: ItemSide, epsilon: number): ItemMove | null {
  if (baseline.value === null || candidate.value === null) return null;
  if (candidate.allErrored && !baseline.allErrored) return "regressed";
  if (baseline.allErrored && !candidate.allErrored) return "improved";
  const delta = candidate.value - baseline.value;
  return delta < -epsilon ? "regressed" : delta > epsilon ? "improved" : "unchanged";
}

/**
 * How long a run has executed: its earlier rounds plus the current one, up to
 * `end` — not the idle time between a finished round and a retry. Null
 * before it ever started.
 */
export function runDurationMs(run: { startedAt: Date | null; executedMs: number }, end: Date): number | null {
  if (!run.startedAt) return run.executedMs > 0 ? run.executedMs : null;
  return run.executedMs + Math.max(0, end.getTime() - run.startedAt.getTime());
}
