import { z } from "zod";
import { openAiChatTargetConfig, SECRET_MASK } from "@/features/targets/schemas";
import { maskUrlCredentials, urlHasMaskedCredential } from "@/features/targets/url-credentials";
import { httpHeadersSchema } from "@/lib/http-headers";
import { jsonRecordSchema } from "@/lib/json";
import { readPath, writePath } from "@/lib/json-path";
import { templatePlaceholders } from "@/lib/template";
import { compileJsonSchema } from "@/lib/json-schema";
import { ALLOWED_FLAGS_MESSAGE, compileSafeRegex } from "@/lib/safe-regex";

const scorerName = z
  .string()
  .trim()
  .min(1, "Scorer name is required")
  .max(60, "Scorer name must be at most 60 characters")
  .regex(/^[\w .:-]+$/, "Scorer name may use letters, digits, spaces and _ . : -");

const threshold = (fallback: number) => z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").default(fallback);

/**
 * A conditional scorer: it runs only when every scorer named here (listed
 * earlier in the run) passed on this output; otherwise its score is recorded
 * as skipped. Lets an expensive judge run only where the cheap checks pass.
 */
const gateSchema = z.object({
  requires: z.array(scorerName).min(1, "name at least one earlier scorer").max(20, "at most 20 scorers"),
});

/** Every scorer config has the same envelope; only `type` and `params` vary. */
function scorerConfig<T extends string, P extends z.ZodType>(type: T, defaultThreshold: number, params: P) {
  return z.object({
    type: z.literal(type),
    name: scorerName.default(type),
    threshold: threshold(defaultThreshold),
    gate: gateSchema.optional(),
    params,
  });
}

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
const timeoutMs = (fallback: number) => z.number().int().min(100, "must be at least 100 ms").max(600_000, "must be at most 600000 ms (10 minutes)").default(fallback);
const caseSensitive = (fallback: boolean) => z.boolean().default(fallback);

// ---- text ----

export const exactMatchScorerConfig = scorerConfig(
  "exact-match",
  1,
  z
    .object({
      caseSensitive: caseSensitive(true),
      trim: z.boolean().default(true),
      /** Runs of spaces, tabs and newlines compare as one space. */
      collapseWhitespace: z.boolean().default(false),
    })
    .prefault({}),
);

export const containsScorerConfig = scorerConfig(
  "contains",
  1,
  z
    .object({
      /** One text to look for (the original single-value form); kept so older runs still parse. */
      value: z.string().max(10_000, "must be at most 10000 characters").default(""),
      /** Texts to look for, with `value`. None: the item's expected output (a string, or a list of strings). */
      values: z.array(z.string().min(1, "must not be empty").max(10_000, "must be at most 10000 characters")).max(100, "at most 100 texts").default([]),
      /** all: the score is the share of texts found; any: 1 when at least one is found. */
      mode: z.enum(["all", "any"], { error: 'must be "all" or "any"' }).default("all"),
      caseSensitive: caseSensitive(false),
    })
    .prefault({}),
);

export const regexScorerConfig = scorerConfig(
  "regex",
  1,
  z
    .object({
      /** JavaScript-style pattern, run on RE2: no lookaround, no backreferences. */
      pattern: z.string({ error: "is required" }).min(1, "is required").max(2000, "must be at most 2000 characters"),
      flags: z
        .string()
        .max(10)
        .regex(/^[a-z]*$/, `must be letters; flags ${ALLOWED_FLAGS_MESSAGE}`)
        .default(""),
      /** Score 1 when the pattern does NOT match (e.g. a banned phrase). */
      mustNotMatch: z.boolean().default(false),
      /** Only the first this many characters of the output are scanned. */
      maxOutputChars: z.number().int().min(1).max(10_000_000, "must be at most 10000000").default(100_000),
    })
    .superRefine((params, ctx) => {
      const compiled = compileSafeRegex(params.pattern, params.flags);
      if (!compiled.ok) ctx.addIssue({ code: "custom", path: compiled.message.startsWith("Unknown flag") ? ["flags"] : ["pattern"], message: compiled.message });
    }),
);

export const levenshteinScorerConfig = scorerConfig(
  "levenshtein",
  0.8,
  z
    .object({
      caseSensitive: caseSensitive(true),
      /**
       * Longest text (in characters) either side may have. The distance costs
       * time proportional to the product of both lengths and blocks the
       * process while it runs, so larger texts are an error on that score.
       */
      maxLength: z.number().int().min(1).max(1_000_000, "must be at most 1000000").default(50_000),
    })
    .prefault({}),
);

export const lengthBoundsScorerConfig = scorerConfig(
  "length-bounds",
  1,
  z
    .object({
      /** Characters are Unicode code points: an emoji counts once. */
      min: z.number().int().min(0, "must be 0 or more").optional(),
      max: z.number().int().min(0, "must be 0 or more").optional(),
    })
    .superRefine((params, ctx) => {
      if (params.min === undefined && params.max === undefined) ctx.addIssue({ code: "custom", path: ["min"], message: "set min, max or both" });
      if (params.min !== undefined && params.max !== undefined && params.min > params.max) {
        ctx.addIssue({ code: "custom", path: ["max"], message: `must be at least min (${params.min})` });
      }
    }),
);

// ---- JSON ----

export const jsonValidScorerConfig = scorerConfig(
  "json-valid",
  1,
  z
    .object({
      /** Accept JSON wrapped in a Markdown code fence (```json … ```), as models often reply. */
      allowCodeFence: z.boolean().default(false),
    })
    .prefault({}),
);

export const jsonSchemaScorerConfig = scorerConfig(
  "json-schema",
  1,
  z
    .object({
      /** Draft-07 unless `$schema` names 2019-09 or 2020-12. */
      // jsonRecordSchema keeps every key (z.record would drop a top-level `__proto__`).
      schema: z.union([jsonRecordSchema, z.boolean()], { error: "must be a JSON Schema (an object or a boolean)" }),
      /** A string output is parsed as JSON first; off: the string itself is validated. */
      parseStringOutput: z.boolean().default(true),
      allowCodeFence: z.boolean().default(false),
      /** How many violations the reason lists. */
      maxErrors: z.number().int().min(1).max(20).default(3),
    })
    .superRefine((params, ctx) => {
      if (JSON.stringify(params.schema).length > 200_000) {
        ctx.addIssue({ code: "custom", path: ["schema"], message: "must be at most 200000 characters as JSON" });
        return;
      }
      const compiled = compileJsonSchema(params.schema);
      if (!compiled.ok) ctx.addIssue({ code: "custom", path: ["schema"], message: compiled.message });
    }),
);

export const jsonEqualScorerConfig = scorerConfig(
  "json-equal",
  1,
  z
    .object({
      /** Keys the output has and the expected output lacks are not counted against it. */
      ignoreExtraKeys: z.boolean().default(false),
      allowCodeFence: z.boolean().default(false),
    })
    .prefault({}),
);

// ---- numbers and timing ----

export const numericClosenessScorerConfig = scorerConfig(
  "numeric-closeness",
  1,
  z
    .object({
      /** Within this distance of the expected number scores 1. */
      absoluteTolerance: z.number().min(0, "must be 0 or more").optional(),
      /** Within this fraction of |expected| scores 1 (0.05 = 5%). With both tolerances, the larger wins. */
      relativeTolerance: z.number().min(0, "must be 0 or more").max(1_000_000).optional(),
      /** Past the tolerance: `none` scores 0; `linear` falls from 1 at the tolerance to 0 at twice it. */
      falloff: z.enum(["none", "linear"], { error: 'must be "none" or "linear"' }).default("linear"),
      /** Which number a text output stands for: the whole text, or the first / last number in it. */
      extract: z.enum(["whole", "first", "last"], { error: 'must be "whole", "first" or "last"' }).default("whole"),
      /** The number to compare with; the item's expected output when absent. */
      expected: z.number().optional(),
    })
    .prefault({}),
);

export const latencyBudgetScorerConfig = scorerConfig(
  "latency-budget",
  1,
  z.object({
    budgetMs: z.number({ error: "is required" }).int().min(1, "must be at least 1 ms").max(3_600_000, "must be at most 3600000 ms"),
    /** Over budget: `step` scores 0; `linear` falls from 1 at the budget to 0 at twice it. */
    decay: z.enum(["step", "linear"], { error: 'must be "step" or "linear"' }).default("step"),
  }),
);

// ---- calling out ----

export const JUDGE_SCALES = ["0-1", "1-5", "0-10", "1-10", "0-100"] as const;
export type JudgeScale = (typeof JUDGE_SCALES)[number];

const TEMPLATE_ROOTS = new Set(["input", "output", "expectedOutput", "metadata"]);

export const DEFAULT_JUDGE_RUBRIC = [
  "Grade how well the response answers the question, compared with the reference answer.",
  "Full marks for a correct and complete answer; none for a wrong or missing one.",
  "",
  "Question: {{input}}",
  "Reference answer: {{expectedOutput}}",
  "Response: {{output}}",
].join("\n");

export const llmJudgeScorerConfig = scorerConfig(
  "llm-judge",
  0.5,
  z
    .object({
      /** e.g. https://api.openai.com/v1 or http://localhost:11434/v1 */
      baseUrl: httpUrl,
      /** Secret. Empty for local servers that need none. */
      apiKey: z.string().max(500, "must be at most 500 characters").default(""),
      model: z.string({ error: "is required" }).trim().min(1, "is required").max(200),
      /** The grading prompt: {{input}}, {{output}}, {{expectedOutput}}, {{metadata.x}}. */
      rubric: z.string().min(1, "is required").max(50_000, "must be at most 50000 characters").default(DEFAULT_JUDGE_RUBRIC),
      temperature: z.number().min(0, "must be between 0 and 2").max(2, "must be between 0 and 2").default(0),
      maxTokens: z.number().int().min(1).max(100_000).optional(),
      /** Ask for `response_format: json_object`; turn off for servers that reject it. */
      jsonMode: z.boolean().default(true),
      /** The scale the judge is told to score on; converted to 0..1. */
      scale: z.enum(JUDGE_SCALES, { error: `must be one of ${JUDGE_SCALES.join(", ")}` }).default("0-1"),
      /** Per attempt. */
      timeoutMs: timeoutMs(60_000),
      /** Extra attempts on rate limits (honouring Retry-After), 5xx and dropped connections. */
      retries: z.number().int().min(0).max(5).default(2),
      /** USD per 1,000 tokens, to count what judging costs (shown apart from the target's cost). */
      pricing: openAiChatTargetConfig.shape.pricing,
    })
    .superRefine((params, ctx) => {
      const placeholders = templatePlaceholders(params.rubric);
      for (const path of placeholders) {
        const root = path.split(".")[0]!;
        if (!TEMPLATE_ROOTS.has(root)) {
          ctx.addIssue({ code: "custom", path: ["rubric"], message: `{{${path}}} is unknown: use {{input}}, {{output}}, {{expectedOutput}} or {{metadata}} (and their fields)` });
          return;
        }
      }
      if (!placeholders.some((path) => path === "output" || path.startsWith("output."))) {
        ctx.addIssue({ code: "custom", path: ["rubric"], message: "must include {{output}}, or the judge never sees what it grades" });
      }
    }),
);

export const httpScorerConfig = scorerConfig(
  "http",
  0.5,
  z.object({
    /** Receives POST {input, output, expectedOutput, metadata}; answers {score: 0..1, reason?}. */
    url: httpUrl,
    /** Secret: every value is masked when shown and may be encrypted at rest. */
    headers: httpHeadersSchema.default({}),
    timeoutMs: timeoutMs(30_000),
  }),
);

export const scorerConfigSchema = z.discriminatedUnion("type", [
  exactMatchScorerConfig,
  containsScorerConfig,
  regexScorerConfig,
  levenshteinScorerConfig,
  lengthBoundsScorerConfig,
  jsonValidScorerConfig,
  jsonSchemaScorerConfig,
  jsonEqualScorerConfig,
  numericClosenessScorerConfig,
  latencyBudgetScorerConfig,
  llmJudgeScorerConfig,
  httpScorerConfig,
]);

export type ScorerConfig = z.infer<typeof scorerConfigSchema>;
export type ScorerConfigInput = z.input<typeof scorerConfigSchema>;
export type ScorerType = ScorerConfig["type"];

export const scorerListSchema = z
  .array(scorerConfigSchema)
  .max(20, "At most 20 scorers per run")
  .superRefine((scorers, ctx) => {
    const seen = new Set<string>();
    scorers.forEach((scorer, index) => {
      scorer.gate?.requires.forEach((required, position) => {
        if (seen.has(required)) return;
        const message =
          required === scorer.name
            ? "a scorer cannot require itself"
            : scorers.some((other, otherIndex) => otherIndex > index && other.name === required)
              ? `"${required}" comes after this one; a gate can only require scorers listed before it`
              : `no scorer named "${required}" before this one`;
        ctx.addIssue({ code: "custom", path: [index, "gate", "requires", position], message });
      });
      // Runs show a URL's credentials masked; one sent back that way would call with the mask.
      const field = scorerUrlField(scorer);
      const url = field ? readPath(scorer.params, field) : { found: false as const };
      if (field && url.found && typeof url.value === "string" && urlHasMaskedCredential(url.value, SECRET_MASK)) {
        ctx.addIssue({ code: "custom", path: [index, "params", field], message: "a credential in the URL is masked; enter it again" });
      }
      if (seen.has(scorer.name)) {
        ctx.addIssue({ code: "custom", path: [index, "name"], message: `Scorer name "${scorer.name}" is used twice; names must be unique within a run` });
      }
      seen.add(scorer.name);
    });
  });

// Labels live in their own module so pages that only show them do not bundle
// the validators (Ajv, RE2); re-exported here for existing imports.
export { SCORER_TYPES } from "./scorer-types";

// ---- secrets ----

/**
 * Where each scorer type keeps secrets, as paths into its config; `*` stands
 * for every key of a map. Masked when shown, and the fields to encrypt at rest.
 */
export const SCORER_SECRET_FIELDS = {
  "llm-judge": [["params", "apiKey"]],
  http: [["params", "headers", "*"]],
} as const satisfies Partial<Record<ScorerType, readonly (readonly string[])[]>>;

/** Concrete paths of the secret values present in `config` (empty strings are not secrets). */
export function scorerSecretPaths(config: { type: string }): string[][] {
  const patterns = (SCORER_SECRET_FIELDS as Partial<Record<string, readonly (readonly string[])[]>>)[config.type] ?? [];
  const paths: string[][] = [];
  const walk = (node: unknown, pattern: readonly string[], prefix: string[]) => {
    if (pattern.length === 0) {
      if (typeof node === "string" && node !== "") paths.push(prefix);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const [head, ...rest] = pattern;
    // Own keys only: a header named `constructor` is a header, never Object's constructor.
    const keys = head === "*" ? Object.keys(node) : Object.hasOwn(node, head!) ? [head!] : [];
    for (const key of keys) walk((node as Record<string, unknown>)[key], rest, [...prefix, key]);
  };
  for (const pattern of patterns) walk(config, pattern, []);
  return paths;
}

/**
 * A copy of `config` with every secret value passed through `fn` (to mask,
 * encrypt or decrypt). Read and written with the path walkers of
 * src/lib/json-path.ts: own properties only, so any key is data.
 */
export function mapScorerSecrets<T extends { type: string }>(config: T, fn: (value: string, path: string[]) => string): T {
  const copy = structuredClone(config) as Record<string, unknown>;
  for (const path of scorerSecretPaths(config)) {
    const found = readPath(copy, path);
    if (found.found && typeof found.value === "string") writePath(copy, path, fn(found.value, path));
  }
  return copy as T;
}

/** The field of `params` holding a URL that may carry credentials (`https://user:pass@…`, `?api_key=…`). */
function scorerUrlField(config: { type: string }): "url" | "baseUrl" | null {
  return config.type === "http" ? "url" : config.type === "llm-judge" ? "baseUrl" : null;
}

/**
 * The config as it may be shown to a browser or a client: secret values
 * replaced by the mask, and so are credentials inside its URL (as targets
 * show theirs, src/features/targets/url-credentials.ts).
 */
export function maskScorerConfig(config: ScorerConfig): ScorerConfig {
  const masked = mapScorerSecrets(config, () => SECRET_MASK);
  const field = scorerUrlField(masked);
  const url = field ? readPath(masked, ["params", field]) : { found: false as const };
  if (field && url.found && typeof url.value === "string") writePath(masked as unknown as Record<string, unknown>, ["params", field], maskUrlCredentials(url.value, SECRET_MASK));
  return masked;
}

export { SECRET_MASK as SCORER_SECRET_MASK };
