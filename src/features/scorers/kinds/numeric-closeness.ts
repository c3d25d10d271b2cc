import { z } from "zod";
import { defineScorerKind } from "../kind";

export const numericClosenessScorer = defineScorerKind({
  type: "numeric-closeness",
  label: "Numeric closeness",
  description: "1 when the output's number is within tolerance of the expected number, falling to 0 at twice the tolerance.",
  defaultThreshold: 1,
  group: "Numbers & timing",
  params: z
    .object({
      /** Within this distance of the expected number scores 1. */
      absoluteTolerance: z.number().min(0, "must be 0 or more").optional(),
      /** Within this fraction of |expected| scores 1 (0.05 = 5%). With both tolerances, the larger wins. */
      relativeTolerance: z.number().min(0, "must be 0 or more").max(1_000_000).optional(),
      /** Past the tolerance: `none` scores 0; `linear` falls from 1 at the tolerance to 0 at twice it. */
      falloff: z.enum(["none", "linear"], { error: 'must be "none" or "linear"' }).default("linear"),
      /** Which number a text output stands for: the whole text, or the first / last number in it. */
      extract: z.enum(["whole", "first", "last"], { error: 'must be "whole", "first" or "last"' }).default("whole"),
      /** The number to compare with; the item's expected output when absent. */
      expected: z.number().optional(),
    })
    .prefault({}),
});
