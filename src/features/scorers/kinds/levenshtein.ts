import { distance } from "fastest-levenshtein";
import { z } from "zod";
import { asText } from "@/lib/json";
import { defineScorerKind, type ScorerConfigOf } from "../kind";
import { expectedText, normalise } from "../text";
import { ScorerError, type Scorer } from "../types";

const params = z
  .object({
    caseSensitive: z.boolean().default(true),
    /**
     * Longest text (in characters) either side may have. The distance costs
     * time proportional to the product of both lengths and blocks the
     * process while it runs, so larger texts are an error on that score.
     */
    maxLength: z.number().int().min(1).max(1_000_000, "must be at most 1000000").default(50_000),
  })
  .prefault({});

function createLevenshteinScorer(config: ScorerConfigOf<typeof params>): Scorer {
  return (context) => {
    const expected = normalise(expectedText(context), config.params);
    const actual = normalise(asText(context.output), config.params);
    const longer = Math.max(expected.length, actual.length);
    if (longer === 0) return { score: 1 };
    if (longer > config.params.maxLength) {
      throw new ScorerError(`Too long to compare: ${longer} characters, over the limit of ${config.params.maxLength} (params.maxLength).`);
    }
    const edits = distance(expected, actual);
    return { score: 1 - edits / longer, reason: edits === 0 ? undefined : `${edits} edit${edits === 1 ? "" : "s"} from the expected output.` };
  };
}

export const levenshteinScorer = defineScorerKind({
  type: "levenshtein",
  label: "Levenshtein similarity",
  description: "1 − edit distance / longer length, against the expected output.",
  defaultThreshold: 0.8,
  group: "Text",
  params,
  form: [{ inline: [{ control: "checkbox", key: "caseSensitive", label: "Case sensitive", initial: true }] }],
  create: createLevenshteinScorer,
});
