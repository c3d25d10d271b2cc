import { z } from "zod";

const scorerName = z
  .string()
  .trim()
  .min(1, "Scorer name is required")
  .max(60, "Scorer name must be at most 60 characters")
  .regex(/^[\w .:-]+$/, "Scorer name may use letters, digits, spaces and _ . : -");

const threshold = (fallback: number) => z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").default(fallback);

export const exactMatchScorerConfig = z.object({
  type: z.literal("exact-match"),
  name: scorerName.default("exact-match"),
  threshold: threshold(1),
  params: z
    .object({
      caseSensitive: z.boolean().default(true),
      trim: z.boolean().default(true),
    })
    .default({ caseSensitive: true, trim: true }),
});

export const containsScorerConfig = z.object({
  type: z.literal("contains"),
  name: scorerName.default("contains"),
  threshold: threshold(1),
  params: z
    .object({
      /** Text the output must contain; the item's expected output when empty. */
      value: z.string().max(10_000).default(""),
      caseSensitive: z.boolean().default(false),
    })
    .default({ value: "", caseSensitive: false }),
});

export const levenshteinScorerConfig = z.object({
  type: z.literal("levenshtein"),
  name: scorerName.default("levenshtein"),
  threshold: threshold(0.8),
  params: z.object({ caseSensitive: z.boolean().default(true) }).default({ caseSensitive: true }),
});

export const scorerConfigSchema = z.discriminatedUnion("type", [exactMatchScorerConfig, containsScorerConfig, levenshteinScorerConfig]);

export type ScorerConfig = z.infer<typeof scorerConfigSchema>;
export type ScorerConfigInput = z.input<typeof scorerConfigSchema>;
export type ScorerType = ScorerConfig["type"];

export const scorerListSchema = z
  .array(scorerConfigSchema)
  .max(20, "At most 20 scorers per run")
  .superRefine((scorers, ctx) => {
    const seen = new Set<string>();
    scorers.forEach((scorer, index) => {
      if (seen.has(scorer.name)) {
        ctx.addIssue({ code: "custom", path: [index, "name"], message: `Scorer name "${scorer.name}" is used twice; names must be unique within a run` });
      }
      seen.add(scorer.name);
    });
  });

export const SCORER_TYPES: Record<ScorerType, { label: string; description: string }> = {
  "exact-match": { label: "Exact match", description: "1 when the output equals the expected output, else 0." },
  contains: { label: "Contains", description: "1 when the output contains the expected output (or a given text)." },
  levenshtein: { label: "Levenshtein similarity", description: "1 − edit distance / longer length, against the expected output." },
};
