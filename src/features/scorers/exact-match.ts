import { asText } from "@/lib/json";
import type { z } from "zod";
import type { exactMatchScorer } from "./kinds/exact-match";
import { expectedText, normalise } from "./text";
import type { Scorer } from "./types";

export function createExactMatchScorer(config: z.infer<typeof exactMatchScorer.config>): Scorer {
  return (context) => {
    const expected = normalise(expectedText(context), config.params);
    const actual = normalise(asText(context.output), config.params);
    return expected === actual ? { score: 1 } : { score: 0, reason: "The output differs from the expected output." };
  };
}
