import { createContainsScorer } from "./contains";
import { createExactMatchScorer } from "./exact-match";
import { createLevenshteinScorer } from "./levenshtein";
import type { ScorerConfig } from "./schemas";
import type { Scorer } from "./types";

/** One entry per scorer type: a new type fails the type check until it is added here. */
const factories: { [K in ScorerConfig["type"]]: (config: Extract<ScorerConfig, { type: K }>) => Scorer } = {
  "exact-match": (config) => createExactMatchScorer(config),
  contains: (config) => createContainsScorer(config),
  levenshtein: (config) => createLevenshteinScorer(config),
};

export function createScorer(config: ScorerConfig): Scorer {
  const factory = factories[config.type] as (config: ScorerConfig) => Scorer;
  return factory(config);
}
