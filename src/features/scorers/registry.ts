import { createContainsScorer } from "./contains";
import { createExactMatchScorer } from "./exact-match";
import { createHttpScorer } from "./http";
import { createJsonEqualScorer } from "./json-equal";
import { createJsonSchemaScorer } from "./json-schema";
import { createJsonValidScorer } from "./json-valid";
import { createLatencyBudgetScorer } from "./latency-budget";
import { createLengthBoundsScorer } from "./length-bounds";
import { createLevenshteinScorer } from "./levenshtein";
import { createLlmJudgeScorer } from "./llm-judge";
import { createNumericClosenessScorer } from "./numeric-closeness";
import { createRegexScorer } from "./regex";
import type { ScorerConfig } from "./schemas";
import type { Scorer } from "./types";

/**
 * The implementation of each scorer kind, server side only (two of them call
 * out through undici). Keyed by the types of kinds/index.ts: a new kind fails
 * the type check until it is added here.
 */
const factories: { [K in ScorerConfig["type"]]: (config: Extract<ScorerConfig, { type: K }>) => Scorer } = {
  "exact-match": createExactMatchScorer,
  contains: createContainsScorer,
  regex: createRegexScorer,
  levenshtein: createLevenshteinScorer,
  "length-bounds": createLengthBoundsScorer,
  "json-valid": createJsonValidScorer,
  "json-schema": createJsonSchemaScorer,
  "json-equal": createJsonEqualScorer,
  "numeric-closeness": createNumericClosenessScorer,
  "latency-budget": createLatencyBudgetScorer,
  "llm-judge": createLlmJudgeScorer,
  http: createHttpScorer,
};

/** Builds a scorer from a validated config; compiles patterns and schemas once per run. */
export function createScorer(config: ScorerConfig): Scorer {
  const factory = factories[config.type] as (config: ScorerConfig) => Scorer;
  return factory(config);
}
