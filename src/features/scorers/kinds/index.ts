import { containsScorer } from "./contains";
import { exactMatchScorer } from "./exact-match";
import { httpScorer } from "./http";
import { jsonEqualScorer } from "./json-equal";
import { jsonSchemaScorer } from "./json-schema";
import { jsonValidScorer } from "./json-valid";
import { latencyBudgetScorer } from "./latency-budget";
import { lengthBoundsScorer } from "./length-bounds";
import { levenshteinScorer } from "./levenshtein";
import { llmJudgeScorer } from "./llm-judge";
import { numericClosenessScorer } from "./numeric-closeness";
import { regexScorer } from "./regex";

/**
 * Every scorer kind, one line each (to add a kind: write kinds/<type>.ts and
 * list it here). The shared schemas, labels and secret rules (schemas.ts,
 * scorer-types.ts), the implementations (registry.ts) and the forms
 * (components/scorer-form.ts) all come from this list. Within a group, the
 * Add scorer picker keeps this order.
 */
export const SCORER_KINDS = [
  exactMatchScorer,
  containsScorer,
  regexScorer,
  levenshteinScorer,
  lengthBoundsScorer,
  jsonValidScorer,
  jsonSchemaScorer,
  jsonEqualScorer,
  numericClosenessScorer,
  latencyBudgetScorer,
  llmJudgeScorer,
  httpScorer,
] as const;

export type ScorerType = (typeof SCORER_KINDS)[number]["type"];
