import { z } from "zod";
import { defineScorerKind } from "../kind";

export const jsonEqualScorer = defineScorerKind({
  type: "json-equal",
  label: "JSON equality",
  description: "Share of JSON leaf values equal to the expected output's; the reason names the paths that differ.",
  defaultThreshold: 1,
  group: "JSON",
  params: z
    .object({
      /** Keys the output has and the expected output lacks are not counted against it. */
      ignoreExtraKeys: z.boolean().default(false),
      allowCodeFence: z.boolean().default(false),
    })
    .prefault({}),
});
