import { z } from "zod";
import { defineScorerKind } from "../kind";

export const jsonValidScorer = defineScorerKind({
  type: "json-valid",
  label: "Valid JSON",
  description: "1 when the output is JSON (a JSON value, or text that parses as JSON).",
  defaultThreshold: 1,
  group: "JSON",
  params: z
    .object({
      /** Accept JSON wrapped in a Markdown code fence (```json … ```), as models often reply. */
      allowCodeFence: z.boolean().default(false),
    })
    .prefault({}),
});
