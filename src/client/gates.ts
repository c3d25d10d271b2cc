/**
 * CI gates over a finished run (and, optionally, its comparison with a
 * baseline): what `trialrun run` checks, exported so a script using the typed
 * client applies the same rules to the same numbers. The figures come from the
 * server (run summary, compareRuns), defined in src/features/runs/metrics.ts:
 * a result whose target call failed counts as 0 in every scorer's mean.
 */
import type { Run, RunComparison } from "./index";

/** `12` (results) or `5%` (of the run's results). */
export type ErrorLimit = { count: number } | { percent: number };

export interface GateOptions {
  /** Minimum all-items mean per scorer. */
  minScore?: Record<string, number>;
  /** Most errored results allowed; no limit by default (errors already lower every mean). */
  maxErrors?: ErrorLimit;
  /** Regressed items allowed against the baseline; 0 by default when a comparison is given. */
  maxRegressions?: number;
  /** Let scores a scorer could not compute pass a gate on that scorer. */
  allowScorerErrors?: boolean;
}

export interface GateCheck {
  gate: "status" | "min-score" | "max-errors" | "scorer-errors" | "regressions";
  /** The scorer the check is about, when it is about one. */
  scorer?: string;
  pass: boolean;
  /** One line, as the CLI prints it. */
  message: string;
}

export interface GateReport {
  pass: boolean;
  checks: GateCheck[];
  /** Results whose target call failed, of the run's `total` expected results. */
  errored: number;
  total: number;
}

/** Parses `--max-errors`: a whole number of results, or a percentage like `5%` or `2.5%`. */
export function parseErrorLimit(spec: string): ErrorLimit | null {
  const text = spec.trim();
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) {
    const value = Number(percent[1]);
    return value <= 100 ? { percent: value } : null;
  }
  return /^\d+$/.test(text) ? { count: Number(text) } : null;
}

function fmt(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : n.toFixed(3);
}

function describeLimit(limit: ErrorLimit): string {
  return "count" in limit ? String(limit.count) : `${limit.percent}%`;
}

/** Unknown scorer names are the caller's mistake: thrown, not reported as a failed check. */
export class GateUsageError extends Error {}

export function checkGates(run: Run, comparison: RunComparison | null, options: GateOptions = {}): GateReport {
  const errored = run.summary?.results.errored ?? run.failedCount;
  const checks: GateCheck[] = [];
  const summaries = run.summary?.scorers ?? [];
  const names = run.scorers.map((s) => s.name);

  checks.push({ gate: "status", pass: run.status === "completed", message: `run ${run.status}${run.error ? `: ${run.error}` : ""}` });

  if (options.maxErrors) {
    const limit = options.maxErrors;
    const allowed = "count" in limit ? limit.count : (limit.percent / 100) * run.total;
    checks.push({
      gate: "max-errors",
      pass: errored <= allowed,
      message: `${errored} of ${run.total} results errored (limit ${describeLimit(limit)})`,
    });
  }

  const scorerGated = new Set(Object.keys(options.minScore ?? {}));
  if (comparison) for (const s of comparison.scorers) scorerGated.add(s.name);

  for (const [scorer, minimum] of Object.entries(options.minScore ?? {})) {
    if (!names.includes(scorer))
      throw new GateUsageError(`--min-score names "${scorer}", but the run has no scorer of that name (it has: ${names.join(", ") || "none"}).`);
    const s = summaries.find((entry) => entry.name === scorer);
    const mean = s?.mean ?? null;
    const errors = s && s.targetErrors > 0 ? ` (${s.targetErrors} errored results counted as 0; answered only: ${fmt(s.answeredMean)})` : "";
    checks.push({ gate: "min-score", scorer, pass: mean !== null && mean >= minimum, message: `${scorer} mean ${fmt(mean)} >= ${minimum}${errors}` });
  }

  for (const scorer of scorerGated) {
    const s = summaries.find((entry) => entry.name === scorer);
    if (!s || s.scorerErrors === 0) continue;
    checks.push({
      gate: "scorer-errors",
      scorer,
      pass: options.allowScorerErrors === true,
      message: `${scorer}: ${s.scorerErrors} ${s.scorerErrors === 1 ? "score" : "scores"} could not be computed${options.allowScorerErrors ? " (allowed by --allow-scorer-errors)" : "; the gate on it is incomplete (pass --allow-scorer-errors to accept)"}`,
    });
  }

  if (comparison) {
    const limit = options.maxRegressions ?? 0;
    const fromErrors = comparison.scorers.reduce((max, s) => Math.max(max, s.regressionsFromErrors), 0);
    checks.push({
      gate: "regressions",
      pass: comparison.regressedItems <= limit,
      message: `${comparison.regressedItems} ${comparison.regressedItems === 1 ? "item" : "items"} regressed against the baseline (limit ${limit})${fromErrors > 0 ? `, ${fromErrors} of them because the candidate errored` : ""}`,
    });
  }

  return { pass: checks.every((c) => c.pass), checks, errored, total: run.total };
}
