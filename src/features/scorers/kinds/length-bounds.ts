import { z } from "zod";
import { asText } from "@/lib/json";
import { defineScorerKind, type ScorerConfigOf } from "../kind";
import type { Scorer } from "../types";

const params = z
  .object({
    /** Characters are Unicode code points: an emoji counts once. */
    min: z.number().int().min(0, "must be 0 or more").optional(),
    max: z.number().int().min(0, "must be 0 or more").optional(),
  })
  .superRefine((params, ctx) => {
    if (params.min === undefined && params.max === undefined) ctx.addIssue({ code: "custom", path: ["min"], message: "set min, max or both" });
    if (params.min !== undefined && params.max !== undefined && params.min > params.max) {
      ctx.addIssue({ code: "custom", path: ["max"], message: `must be at least min (${params.min})` });
    }
  });

/** Unicode code points, counted without building an array (outputs can be megabytes). */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

function createLengthBoundsScorer(config: ScorerConfigOf<typeof params>): Scorer {
  const { min, max } = config.params;
  return (context) => {
    const length = codePointLength(asText(context.output));
    const unit = `character${length === 1 ? "" : "s"}`;
    if (min !== undefined && length < min) return { score: 0, reason: `The output has ${length} ${unit}, fewer than the minimum of ${min}.` };
    if (max !== undefined && length > max) return { score: 0, reason: `The output has ${length} ${unit}, more than the maximum of ${max}.` };
    return { score: 1 };
  };
}

export const lengthBoundsScorer = defineScorerKind({
  type: "length-bounds",
  label: "Length bounds",
  description: "1 when the output's length in characters is within min and max.",
  defaultThreshold: 1,
  group: "Text",
  params,
  form: [
    {
      grid: "grid-cols-2",
      row: [
        { control: "number", key: "min", label: "Min characters", hint: "Empty: no minimum." },
        { control: "number", key: "max", label: "Max characters", hint: "Empty: no maximum." },
      ],
    },
  ],
  create: createLengthBoundsScorer,
});
