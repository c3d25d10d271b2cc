import { asText } from "@/lib/json";
import type { z } from "zod";
import type { containsScorerConfig } from "./schemas";
import { expectedText, normalise } from "./text";
import type { Scorer } from "./types";

export function createContainsScorer(config: z.infer<typeof containsScorerConfig>): Scorer {
  return (context) => {
    const needleRaw = config.params.value !== "" ? config.params.value : expectedText(context);
    const needle = normalise(needleRaw, { caseSensitive: config.params.caseSensitive });
    const haystack = normalise(asText(context.output), { caseSensitive: config.params.caseSensitive });
    return haystack.includes(needle)
      ? { score: 1 }
      : { score: 0, reason: `The output does not contain "${needleRaw.length > 80 ? `${needleRaw.slice(0, 80)}…` : needleRaw}".` };
  };
}
