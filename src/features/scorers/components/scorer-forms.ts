import { containsForm } from "../kinds/contains.form";
import { exactMatchForm } from "../kinds/exact-match.form";
import { httpForm } from "../kinds/http.form";
import { jsonEqualForm } from "../kinds/json-equal.form";
import { jsonSchemaForm } from "../kinds/json-schema.form";
import { jsonValidForm } from "../kinds/json-valid.form";
import { latencyBudgetForm } from "../kinds/latency-budget.form";
import { lengthBoundsForm } from "../kinds/length-bounds.form";
import { levenshteinForm } from "../kinds/levenshtein.form";
import { llmJudgeForm } from "../kinds/llm-judge.form";
import { numericClosenessForm } from "../kinds/numeric-closeness.form";
import { regexForm } from "../kinds/regex.form";
import type { ScorerType } from "../schemas";
import type { ScorerKindForm } from "./scorer-kind-form";

/**
 * The form of each scorer kind (kinds/<type>.form.tsx), for the browser only.
 * Keyed by the types of kinds/index.ts: a new kind fails the type check until
 * it is added here.
 */
export const SCORER_FORMS = {
  "exact-match": exactMatchForm,
  contains: containsForm,
  regex: regexForm,
  levenshtein: levenshteinForm,
  "length-bounds": lengthBoundsForm,
  "json-valid": jsonValidForm,
  "json-schema": jsonSchemaForm,
  "json-equal": jsonEqualForm,
  "numeric-closeness": numericClosenessForm,
  "latency-budget": latencyBudgetForm,
  "llm-judge": llmJudgeForm,
  http: httpForm,
} satisfies { [T in ScorerType]: ScorerKindForm<T, object> };
