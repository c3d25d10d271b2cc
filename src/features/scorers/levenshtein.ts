import { distance } from "fastest-levenshtein";
import { asText } from "@/lib/json";
import type { z } from "zod";
import type { levenshteinScorer } from "./kinds/levenshtein";
import { expectedText, normalise } from "./text";
import { ScorerError, type Scorer } from "./types";

export function createLevenshteinScorer(config: z.infer<typeof levenshteinScorer.config>): Scorer {
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
