import { z } from "zod";
import { asText } from "@/lib/json";
import { ALLOWED_FLAGS_MESSAGE, compileSafeRegex } from "@/lib/safe-regex";
import { defineScorerKind, type ScorerConfigOf } from "../kind";
import { snippet } from "../text";
import type { Scorer } from "../types";

const params = z
  .object({
    /** JavaScript-style pattern, run on RE2: no lookaround, no backreferences. */
    pattern: z.string({ error: "is required" }).min(1, "is required").max(2000, "must be at most 2000 characters"),
    flags: z
      .string()
      .max(10)
      .regex(/^[a-z]*$/, `must be letters; flags ${ALLOWED_FLAGS_MESSAGE}`)
      .default(""),
    /** Score 1 when the pattern does NOT match (e.g. a banned phrase). */
    mustNotMatch: z.boolean().default(false),
    /** Only the first this many characters of the output are scanned. */
    maxOutputChars: z.number().int().min(1).max(10_000_000, "must be at most 10000000").default(100_000),
  })
  .superRefine((params, ctx) => {
    const compiled = compileSafeRegex(params.pattern, params.flags);
    if (!compiled.ok) ctx.addIssue({ code: "custom", path: compiled.message.startsWith("Unknown flag") ? ["flags"] : ["pattern"], message: compiled.message });
  });

function createRegexScorer(config: ScorerConfigOf<typeof params>): Scorer {
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

export const regexScorer = defineScorerKind({
  type: "regex",
  label: "Regex",
  description: "1 when the output matches a pattern (or, optionally, when it does not). Linear-time engine.",
  defaultThreshold: 1,
  group: "Text",
  params,
  form: [
    {
      grid: "grid-cols-[minmax(0,1fr)_6rem]",
      row: [
        {
          control: "text",
          key: "pattern",
          label: "Pattern",
          hint: "JavaScript syntax on a linear-time engine: no lookaround or backreferences.",
          placeholder: "^\\d{4}-\\d{2}-\\d{2}$",
          mono: true,
        },
        { control: "text", key: "flags", label: "Flags", hint: "i, m, s", placeholder: "i", mono: true, trim: true },
      ],
    },
    { inline: [{ control: "checkbox", key: "mustNotMatch", label: "Must not match — score 1 when the pattern is absent (banned phrases)" }] },
  ],
  create: createRegexScorer,
});
