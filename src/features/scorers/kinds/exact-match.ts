import { z } from "zod";
import { defineScorerKind } from "../kind";

export const exactMatchScorer = defineScorerKind({
  type: "exact-match",
  label: "Exact match",
  description: "1 when the output equals the expected output, else 0.",
  defaultThreshold: 1,
  group: "Text",
  params: z
    .object({
      caseSensitive: z.boolean().default(true),
      trim: z.boolean().default(true),
      /** Runs of spaces, tabs and newlines compare as one space. */
      collapseWhitespace: z.boolean().default(false),
    })
    .prefault({}),
});
