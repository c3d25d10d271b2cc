import { createScorer } from "./registry";
import type { ScorerConfig } from "./schemas";
import { ScorerError, type ScoreContext, type Scorer, type ScoringUsage } from "./types";

export interface PreparedScorer {
  config: ScorerConfig;
  score: Scorer;
}

/** What one scorer concluded about one output, and what it spent doing so. */
export interface ScoreOutcome extends ScoringUsage {
  name: string;
  value: number | null;
  passed: boolean | null;
  reason: string | null;
  error: string | null;
  /** A gated scorer whose required scorers did not all pass: value, passed and error are null. */
  skipped: boolean;
}

/**
 * Builds the run's scorers once. Gates must name scorers listed earlier
 * (scorerListSchema checks this with a message per field); this guards
 * callers that skipped that schema.
 */
export function prepareScorers(configs: ScorerConfig[]): PreparedScorer[] {
  const earlier = new Set<string>();
  return configs.map((config) => {
    for (const required of config.gate?.requires ?? []) {
      if (!earlier.has(required)) throw new Error(`Scorer "${config.name}" is gated on "${required}", which is not a scorer listed before it.`);
    }
    earlier.add(config.name);
    return { config, score: createScorer(config) };
  });
}

const NO_USAGE: ScoringUsage = { promptTokens: null, completionTokens: null, costUsd: null };

async function scoreOne(scorer: PreparedScorer, context: ScoreContext): Promise<ScoreOutcome> {
  const name = scorer.config.name;
  try {
    const { score, reason, usage } = await scorer.score(context);
    const spent = usage ?? NO_USAGE;
    if (typeof score !== "number" || !Number.isFinite(score) || score < 0 || score > 1) {
      return {
        name,
        value: null,
        passed: null,
        reason: null,
        error: `Scorer returned ${String(score)}; expected a number from 0 to 1.`,
        skipped: false,
        ...spent,
      };
    }
    return { name, value: score, passed: score >= scorer.config.threshold, reason: reason ?? null, error: null, skipped: false, ...spent };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A judge that replied but could not be read still spent its tokens.
    const spent = error instanceof ScorerError && error.usage ? error.usage : NO_USAGE;
    return { name, value: null, passed: null, reason: null, error: message || "The scorer failed.", skipped: false, ...spent };
  }
}

/**
 * Runs a run's scorers on one output, in list order of results. A scorer that
 * throws, or returns something other than a number in [0, 1], yields an error
 * on its own score only; the others still run.
 *
 * Scorers run concurrently — a judge and a remote scorer each wait on the
 * network — except that a gated scorer first waits for the scorers it
 * requires, and runs only if all of them passed. A required scorer that
 * errored or was itself skipped did not pass.
 */
export async function runScorers(scorers: PreparedScorer[], context: ScoreContext): Promise<ScoreOutcome[]> {
  const byName = new Map<string, Promise<ScoreOutcome>>();
  const pending = scorers.map((scorer) => {
    const requires = scorer.config.gate?.requires ?? [];
    const outcome =
      requires.length === 0
        ? scoreOne(scorer, context)
        : Promise.all(requires.map((name) => byName.get(name) ?? Promise.resolve(null))).then((required) => {
            const failed = requires.filter((_name, index) => required[index]?.passed !== true);
            if (failed.length === 0) return scoreOne(scorer, context);
            return {
              name: scorer.config.name,
              value: null,
              passed: null,
              reason: `Skipped: ${failed.join(", ")} did not pass`,
              error: null,
              skipped: true,
              ...NO_USAGE,
            } satisfies ScoreOutcome;
          });
    byName.set(scorer.config.name, outcome);
    return outcome;
  });
  return Promise.all(pending);
}
