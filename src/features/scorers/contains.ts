import { asText } from "@/lib/json";
import type { z } from "zod";
import type { containsScorer } from "./kinds/contains";
import { expectedText, normalise, quoteList } from "./text";
import type { ScoreContext, Scorer } from "./types";

type ContainsConfig = z.infer<typeof containsScorer.config>;

/** The configured texts; else the expected output, where a list of strings means "each of these". */
function needles(config: ContainsConfig, context: ScoreContext): string[] {
  const configured = config.params.value !== "" ? [config.params.value, ...config.params.values] : config.params.values;
  if (configured.length > 0) return configured;
  const expected = context.expectedOutput;
  if (Array.isArray(expected) && expected.length > 0 && expected.every((v) => typeof v === "string")) return expected as string[];
  return [expectedText(context)];
}

export function createContainsScorer(config: ContainsConfig): Scorer {
  const options = { caseSensitive: config.params.caseSensitive };
  return (context) => {
    const wanted = needles(config, context);
    const haystack = normalise(asText(context.output), options);
    const missing = wanted.filter((needle) => !haystack.includes(normalise(needle, options)));
    if (config.params.mode === "any") {
      return missing.length < wanted.length ? { score: 1 } : { score: 0, reason: `The output contains none of ${quoteList(wanted)}.` };
    }
    if (missing.length === 0) return { score: 1 };
    return { score: (wanted.length - missing.length) / wanted.length, reason: `The output does not contain ${quoteList(missing)}.` };
  };
}
