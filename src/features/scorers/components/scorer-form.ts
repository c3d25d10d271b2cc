import { headersFromRows, nextDraftId, numberReader, type HeaderRow } from "@/features/targets/components/target-form";
import type { JsonValue } from "@/lib/json";
import type { FieldErrors } from "@/lib/trpc/errors";
import { DEFAULT_JUDGE_RUBRIC, type JudgeScale, type ScorerConfigInput, type ScorerType } from "../schemas";
import { SCORER_TYPES } from "../scorer-types";

/**
 * A scorer as the run dialog edits it: one flat record of text boxes and
 * switches for every type (only the current type's are sent), so changing
 * a field never loses another.
 */
export interface ScorerDraft {
  id: string;
  type: ScorerType;
  name: string;
  threshold: string;
  /** Draft ids of earlier scorers that must pass first; names are resolved on submit, so renaming one keeps the gate. */
  gate: string[];
  caseSensitive: boolean;
  trim: boolean;
  collapseWhitespace: boolean;
  /** contains: one text per line. */
  values: string;
  mode: "all" | "any";
  pattern: string;
  flags: string;
  mustNotMatch: boolean;
  min: string;
  max: string;
  allowCodeFence: boolean;
  schema: string;
  parseStringOutput: boolean;
  ignoreExtraKeys: boolean;
  absoluteTolerance: string;
  relativeTolerance: string;
  falloff: "none" | "linear";
  extract: "whole" | "first" | "last";
  expected: string;
  budgetMs: string;
  decay: "step" | "linear";
  baseUrl: string;
  apiKey: string;
  model: string;
  rubric: string;
  scale: JudgeScale;
  temperature: string;
  url: string;
  headers: HeaderRow[];
  timeoutMs: string;
}

export const SCORER_GROUPS: { label: string; types: ScorerType[] }[] = [
  { label: "Text", types: ["exact-match", "contains", "regex", "levenshtein", "length-bounds"] },
  { label: "JSON", types: ["json-valid", "json-schema", "json-equal"] },
  { label: "Numbers & timing", types: ["numeric-closeness", "latency-budget"] },
  { label: "Model & custom code", types: ["llm-judge", "http"] },
];

/** Scorers that call out (cost money or time): the ones worth gating behind cheap checks. */
export const EXPENSIVE_SCORERS: ReadonlySet<ScorerType> = new Set(["llm-judge", "http"]);

const DEFAULT_SCHEMA = '{\n  "type": "object",\n  "required": ["answer"],\n  "properties": { "answer": { "type": "string" } }\n}';

/** A new scorer of `type`, named after its type; a suffix keeps names unique in the run. */
export function newScorer(type: ScorerType, existing: readonly { name: string }[]): ScorerDraft {
  const taken = new Set(existing.map((s) => s.name));
  let name: string = type;
  for (let n = 2; taken.has(name); n++) name = `${type}-${n}`;
  return {
    id: nextDraftId(),
    type,
    name,
    threshold: String(SCORER_TYPES[type].defaultThreshold),
    gate: [],
    caseSensitive: type !== "contains",
    trim: true,
    collapseWhitespace: false,
    values: "",
    mode: "all",
    pattern: "",
    flags: "",
    mustNotMatch: false,
    min: "",
    max: "",
    allowCodeFence: false,
    schema: DEFAULT_SCHEMA,
    parseStringOutput: true,
    ignoreExtraKeys: false,
    absoluteTolerance: "",
    relativeTolerance: "",
    falloff: "linear",
    extract: "whole",
    expected: "",
    budgetMs: "2000",
    decay: "step",
    baseUrl: "https://api.openai.com/v1",
    apiKey: "",
    model: "gpt-4o-mini",
    rubric: DEFAULT_JUDGE_RUBRIC,
    scale: "0-1",
    temperature: "",
    url: "",
    headers: [],
    timeoutMs: "",
  };
}

/**
 * The scorer config a draft describes, not yet validated (the caller runs the
 * shared schema). `earlier` are the scorers listed before it, for the gate.
 * Problems only the form can see go to `errors` under `prefix` (`scorers.2.`).
 */
export function scorerFromDraft(draft: ScorerDraft, earlier: readonly ScorerDraft[], errors: FieldErrors, prefix: string): ScorerConfigInput {
  const num = numberReader(errors, prefix);
  const p = (path: string) => `params.${path}`;
  const requires = draft.gate.flatMap((id) => earlier.find((s) => s.id === id)?.name ?? []);
  const base = { name: draft.name, threshold: num("threshold", draft.threshold), ...(requires.length > 0 ? { gate: { requires } } : {}) };

  switch (draft.type) {
    case "exact-match":
      return { ...base, type: draft.type, params: { caseSensitive: draft.caseSensitive, trim: draft.trim, collapseWhitespace: draft.collapseWhitespace } };
    case "contains":
      return {
        ...base,
        type: draft.type,
        params: {
          values: draft.values
            .split("\n")
            .map((v) => v.trim())
            .filter(Boolean),
          mode: draft.mode,
          caseSensitive: draft.caseSensitive,
        },
      };
    case "regex":
      return { ...base, type: draft.type, params: { pattern: draft.pattern, flags: draft.flags.trim(), mustNotMatch: draft.mustNotMatch } };
    case "levenshtein":
      return { ...base, type: draft.type, params: { caseSensitive: draft.caseSensitive } };
    case "length-bounds":
      return { ...base, type: draft.type, params: { min: num(p("min"), draft.min), max: num(p("max"), draft.max) } };
    case "json-valid":
      return { ...base, type: draft.type, params: { allowCodeFence: draft.allowCodeFence } };
    case "json-schema": {
      let schema: unknown;
      if (draft.schema.trim() !== "") {
        try {
          schema = JSON.parse(draft.schema);
        } catch (error) {
          errors[`${prefix}params.schema`] = `Invalid JSON${error instanceof Error ? `: ${error.message}` : ""}`;
        }
      }
      return {
        ...base,
        type: draft.type,
        params: { schema: schema as Record<string, JsonValue>, parseStringOutput: draft.parseStringOutput, allowCodeFence: draft.allowCodeFence },
      };
    }
    case "json-equal":
      return { ...base, type: draft.type, params: { ignoreExtraKeys: draft.ignoreExtraKeys, allowCodeFence: draft.allowCodeFence } };
    case "numeric-closeness":
      return {
        ...base,
        type: draft.type,
        params: {
          absoluteTolerance: num(p("absoluteTolerance"), draft.absoluteTolerance),
          relativeTolerance: num(p("relativeTolerance"), draft.relativeTolerance),
          falloff: draft.falloff,
          extract: draft.extract,
          expected: num(p("expected"), draft.expected),
        },
      };
    case "latency-budget":
      return { ...base, type: draft.type, params: { budgetMs: num(p("budgetMs"), draft.budgetMs) as number, decay: draft.decay } };
    case "llm-judge":
      return {
        ...base,
        type: draft.type,
        params: {
          baseUrl: draft.baseUrl.trim(),
          apiKey: draft.apiKey.trim(),
          model: draft.model,
          rubric: draft.rubric,
          scale: draft.scale,
          temperature: num(p("temperature"), draft.temperature),
        },
      };
    case "http":
      return {
        ...base,
        type: draft.type,
        params: { url: draft.url.trim(), headers: headersFromRows(draft.headers, errors, `${prefix}params.headers`), timeoutMs: num(p("timeoutMs"), draft.timeoutMs) },
      };
  }
}
