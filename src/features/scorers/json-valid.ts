import type { z } from "zod";
import type { jsonValidScorer } from "./kinds/json-valid";
import { outputAsJson } from "./text";
import type { Scorer } from "./types";

/** A target that already returned structured JSON passes; a text output must parse as JSON. */
export function createJsonValidScorer(config: z.infer<typeof jsonValidScorer.config>): Scorer {
  return (context) => {
    const parsed = outputAsJson(context.output, config.params);
    return parsed.ok ? { score: 1 } : { score: 0, reason: `The output is not valid JSON: ${parsed.message}` };
  };
}
