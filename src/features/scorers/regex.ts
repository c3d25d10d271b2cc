import { asText } from "@/lib/json";
import type { z } from "zod";
import { compileSafeRegex } from "@/lib/safe-regex";
import type { regexScorer } from "./kinds/regex";
import { snippet } from "./text";
import type { Scorer } from "./types";

export function createRegexScorer(config: z.infer<typeof regexScorer.config>): Scorer {
  const { pattern, flags, mustNotMatch, maxOutputChars } = config.params;
  const compiled = compileSafeRegex(pattern, flags);
  // The config schema already rejected this; a config that skipped it fails loudly here.
  if (!compiled.ok) throw new Error(`Scorer "${config.name}": ${compiled.message}`);
  const shown = `/${snippet(pattern, 80)}/${flags}`;
  return (context) => {
    const text = asText(context.output);
    // Linear time still grows with the text; a cap keeps one huge output from stalling the run.
    const truncated = text.length > maxOutputChars;
    const matched = compiled.regex.test(truncated ? text.slice(0, maxOutputChars) : text);
    const scope = truncated ? ` (scanned the first ${maxOutputChars} of ${text.length} characters)` : "";
    if (mustNotMatch) return matched ? { score: 0, reason: `The output matches ${shown}, which it must not${scope}.` } : { score: 1 };
    return matched ? { score: 1 } : { score: 0, reason: `The output does not match ${shown}${scope}.` };
  };
}
