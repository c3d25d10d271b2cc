import { z } from "zod";
import { defineScorerKind } from "../kind";

export const containsScorer = defineScorerKind({
  type: "contains",
  label: "Contains",
  description: "Share of the given texts (or the expected output) found in the output; with mode any, 1 when one is found.",
  defaultThreshold: 1,
  group: "Text",
  params: z
    .object({
      /** One text to look for (the original single-value form); kept so older runs still parse. */
      value: z.string().max(10_000, "must be at most 10000 characters").default(""),
      /** Texts to look for, with `value`. None: the item's expected output (a string, or a list of strings). */
      values: z.array(z.string().min(1, "must not be empty").max(10_000, "must be at most 10000 characters")).max(100, "at most 100 texts").default([]),
      /** all: the score is the share of texts found; any: 1 when at least one is found. */
      mode: z.enum(["all", "any"], { error: 'must be "all" or "any"' }).default("all"),
      caseSensitive: z.boolean().default(false),
    })
    .prefault({}),
});
