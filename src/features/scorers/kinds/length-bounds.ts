import { z } from "zod";
import { defineScorerKind } from "../kind";

export const lengthBoundsScorer = defineScorerKind({
  type: "length-bounds",
  label: "Length bounds",
  description: "1 when the output's length in characters is within min and max.",
  defaultThreshold: 1,
  group: "Text",
  params: z
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
    }),
});
