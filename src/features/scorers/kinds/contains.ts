import { z } from "zod";
import { asText } from "@/lib/json";
import { defineScorerKind, type ScorerConfigOf } from "../kind";
import { expectedText, normalise, quoteList } from "../text";
import type { ScoreContext, Scorer } from "../types";

const params = z
  .object({
    /** One text to look for (the original single-value form); kept so older runs still parse. */
    value: z.string().max(10_000, "must be at most 10000 characters").default(""),
    /** Texts to look for, with `value`. None: the item's expected output (a string, or a list of strings). */
    values: z.array(z.string().min(1, "must not be empty").max(10_000, "must be at most 10000 characters")).max(100, "at most 100 texts").default([]),
    /** all: the score is the share of texts found; any: 1 when at least one is found. */
    mode: z.enum(["all", "any"], { error: 'must be "all" or "any"' }).default("all"),
    caseSensitive: z.boolean().default(false),
  })
  .prefault({});

type ContainsConfig = ScorerConfigOf<typeof params>;

/** The configured texts; else the expected output, where a list of strings means "each of these". */
function needles(config: ContainsConfig, context: ScoreContext): string[] {
  const configured = config.params.value !== "" ? [config.params.value, ...config.params.values] : config.params.values;
  if (configured.length > 0) return configured;
  const expected = context.expectedOutput;
  if (Array.isArray(expected) && expected.length > 0 && expected.every((v) => typeof v === "string")) return expected as string[];
  return [expectedText(context)];
}

function createContainsScorer(config: ContainsConfig): Scorer {
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

export const containsScorer = defineScorerKind({
  type: "contains",
  label: "Contains",
  description: "Share of the given texts (or the expected output) found in the output; with mode any, 1 when one is found.",
  defaultThreshold: 1,
  group: "Text",
  params,
  form: [
    {
      control: "lines",
      key: "values",
      label: "Must contain",
      hint: "One text per line. Empty: the item's expected output (a text, or a list of texts).",
      rows: 3,
      placeholder: "Paris\ncapital",
      // The single-value form has no box of its own; its messages show here.
      claims: ["value"],
    },
    {
      inline: [
        {
          control: "segmented",
          key: "mode",
          label: "Match mode",
          options: [
            ["all", "All — share found"],
            ["any", "Any — one is enough"],
          ],
        },
        { control: "checkbox", key: "caseSensitive", label: "Case sensitive" },
      ],
    },
  ],
  create: createContainsScorer,
});
