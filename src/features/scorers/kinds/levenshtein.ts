import { z } from "zod";
import { defineScorerKind } from "../kind";

export const levenshteinScorer = defineScorerKind({
  type: "levenshtein",
  label: "Levenshtein similarity",
  description: "1 − edit distance / longer length, against the expected output.",
  defaultThreshold: 0.8,
  group: "Text",
  params: z
    .object({
      caseSensitive: z.boolean().default(true),
      /**
       * Longest text (in characters) either side may have. The distance costs
       * time proportional to the product of both lengths and blocks the
       * process while it runs, so larger texts are an error on that score.
       */
      maxLength: z.number().int().min(1).max(1_000_000, "must be at most 1000000").default(50_000),
    })
    .prefault({}),
});
