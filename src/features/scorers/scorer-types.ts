import type { ScorerType } from "./schemas";

/** What the dashboard shows for each scorer type. No runtime imports: safe for any client bundle. */
export const SCORER_TYPES: Record<ScorerType, { label: string; description: string; defaultThreshold: number }> = {
  "exact-match": { label: "Exact match", description: "1 when the output equals the expected output, else 0.", defaultThreshold: 1 },
  contains: {
    label: "Contains",
    description: "Share of the given texts (or the expected output) found in the output; with mode any, 1 when one is found.",
    defaultThreshold: 1,
  },
  regex: { label: "Regex", description: "1 when the output matches a pattern (or, optionally, when it does not). Linear-time engine.", defaultThreshold: 1 },
  levenshtein: { label: "Levenshtein similarity", description: "1 − edit distance / longer length, against the expected output.", defaultThreshold: 0.8 },
  "length-bounds": { label: "Length bounds", description: "1 when the output's length in characters is within min and max.", defaultThreshold: 1 },
  "json-valid": { label: "Valid JSON", description: "1 when the output is JSON (a JSON value, or text that parses as JSON).", defaultThreshold: 1 },
  "json-schema": { label: "JSON Schema", description: "1 when the output conforms to a JSON Schema; the reason lists the first violations.", defaultThreshold: 1 },
  "json-equal": { label: "JSON equality", description: "Share of JSON leaf values equal to the expected output's; the reason names the paths that differ.", defaultThreshold: 1 },
  "numeric-closeness": {
    label: "Numeric closeness",
    description: "1 when the output's number is within tolerance of the expected number, falling to 0 at twice the tolerance.",
    defaultThreshold: 1,
  },
  "latency-budget": { label: "Latency budget", description: "1 when the target answered within the budget (optionally falling to 0 at twice it).", defaultThreshold: 1 },
  "llm-judge": { label: "LLM judge", description: "An OpenAI-compatible model grades the output against your rubric.", defaultThreshold: 0.5 },
  http: { label: "Remote scorer (HTTP)", description: "Your own service scores each output: POST JSON, reply {score, reason}.", defaultThreshold: 0.5 },
};
