import type { z } from "zod";
import { compileJsonSchema, describeViolation } from "@/lib/json-schema";
import type { jsonSchemaScorer } from "./kinds/json-schema";
import { outputAsJson } from "./text";
import type { Scorer } from "./types";

export function createJsonSchemaScorer(config: z.infer<typeof jsonSchemaScorer.config>): Scorer {
  const { schema, parseStringOutput, allowCodeFence, maxErrors } = config.params;
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) throw new Error(`Scorer "${config.name}": params.schema ${compiled.message}`);
  const validate = compiled.validate;
  return (context) => {
    let data: unknown = context.output;
    if (parseStringOutput) {
      const parsed = outputAsJson(context.output, { allowCodeFence });
      if (!parsed.ok) return { score: 0, reason: `The output is not valid JSON: ${parsed.message}` };
      data = parsed.value;
    }
    if (validate(data)) return { score: 1 };
    const errors = validate.errors ?? [];
    const listed = errors.slice(0, maxErrors).map(describeViolation);
    const more = errors.length > maxErrors ? `; and ${errors.length - maxErrors} more` : "";
    return { score: 0, reason: `The output does not match the schema: ${listed.join("; ")}${more}.` };
  };
}
