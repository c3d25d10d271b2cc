import { z } from "zod";
import { asText } from "@/lib/json";
import { defineScorerKind, type ScorerConfigOf } from "../kind";
import { expectedText, normalise } from "../text";
import type { Scorer } from "../types";

const params = z
  .object({
    caseSensitive: z.boolean().default(true),
    trim: z.boolean().default(true),
    /** Runs of spaces, tabs and newlines compare as one space. */
    collapseWhitespace: z.boolean().default(false),
  })
  .prefault({});

function createExactMatchScorer(config: ScorerConfigOf<typeof params>): Scorer {
  return (context) => {
    const expected = normalise(expectedText(context), config.params);
    const actual = normalise(asText(context.output), config.params);
    return expected === actual ? { score: 1 } : { score: 0, reason: "The output differs from the expected output." };
  };
}

export const exactMatchScorer = defineScorerKind({
  type: "exact-match",
  label: "Exact match",
  description: "1 when the output equals the expected output, else 0.",
  defaultThreshold: 1,
  group: "Text",
  params,
  form: [
    {
      inline: [
        { control: "checkbox", key: "caseSensitive", label: "Case sensitive", initial: true },
        { control: "checkbox", key: "trim", label: "Trim whitespace", initial: true },
        { control: "checkbox", key: "collapseWhitespace", label: "Collapse inner whitespace" },
      ],
    },
  ],
  create: createExactMatchScorer,
});
