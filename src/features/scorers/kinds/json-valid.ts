import { z } from "zod";
import { defineScorerKind, type ScorerConfigOf } from "../kind";
import { outputAsJson } from "../text";
import type { Scorer } from "../types";

const params = z
  .object({
    /** Accept JSON wrapped in a Markdown code fence (```json … ```), as models often reply. */
    allowCodeFence: z.boolean().default(false),
  })
  .prefault({});

/** A target that already returned structured JSON passes; a text output must parse as JSON. */
function createJsonValidScorer(config: ScorerConfigOf<typeof params>): Scorer {
  return (context) => {
    const parsed = outputAsJson(context.output, config.params);
    return parsed.ok ? { score: 1 } : { score: 0, reason: `The output is not valid JSON: ${parsed.message}` };
  };
}

export const jsonValidScorer = defineScorerKind({
  type: "json-valid",
  label: "Valid JSON",
  description: "1 when the output is JSON (a JSON value, or text that parses as JSON).",
  defaultThreshold: 1,
  group: "JSON",
  params,
  form: [{ inline: [{ control: "checkbox", key: "allowCodeFence", label: "Accept ```json fences" }] }],
  create: createJsonValidScorer,
});
