import { createScorer } from "./registry";
import type { ScorerConfig } from "./schemas";
import type { ScoreContext, Scorer } from "./types";

export interface PreparedScorer {
  config: ScorerConfig;
  score: Scorer;
}

/** What one scorer concluded about one output. */
export interface ScoreOutcome {
  name: string;
  value: number | null;
  passed: boolean | null;
  reason: string | null;
  error: string | null;
}

export function prepareScorers(configs: ScorerConfig[]): PreparedScorer[] {
  return configs.map((config) => ({ config, score: createScorer(config) }));
}

/**
 * Runs a run's scorers on one output. A scorer that throws, or returns
 * something other than a number in [0, 1], yields an error on its own score
 * only; the others still run.
 */
export async function runScorers(scorers: PreparedScorer[], context: ScoreContext): Promise<ScoreOutcome[]> {
  const outcomes: ScoreOutcome[] = [];
  for (const scorer of scorers) {
    const name = scorer.config.name;
    try {
      const { score, reason } = await scorer.score(context);
      if (typeof score !== "number" || !Number.isFinite(score) || score < 0 || score > 1) {
        outcomes.push({ name, value: null, passed: null, reason: null, error: `Scorer returned ${String(score)}; expected a number from 0 to 1.` });
        continue;
      }
      outcomes.push({ name, value: score, passed: score >= scorer.config.threshold, reason: reason ?? null, error: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcomes.push({ name, value: null, passed: null, reason: null, error: message || "The scorer failed." });
    }
  }
  return outcomes;
}
