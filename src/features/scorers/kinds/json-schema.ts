import { z } from "zod";
import { jsonRecordSchema } from "@/lib/json";
import { compileJsonSchema, describeViolation } from "@/lib/json-schema";
import { defineScorerKind, type ScorerConfigOf } from "../kind";
import { outputAsJson } from "../text";
import type { Scorer } from "../types";

const DEFAULT_SCHEMA = '{\n  "type": "object",\n  "required": ["answer"],\n  "properties": { "answer": { "type": "string" } }\n}';

const params = z
  .object({
    /** Draft-07 unless `$schema` names 2019-09 or 2020-12. */
    // jsonRecordSchema keeps every key (z.record would drop a top-level `__proto__`).
    schema: z.union([jsonRecordSchema, z.boolean()], { error: "must be a JSON Schema (an object or a boolean)" }),
    /** A string output is parsed as JSON first; off: the string itself is validated. */
    parseStringOutput: z.boolean().default(true),
    allowCodeFence: z.boolean().default(false),
    /** How many violations the reason lists. */
    maxErrors: z.number().int().min(1).max(20).default(3),
  })
  .superRefine((params, ctx) => {
    if (JSON.stringify(params.schema).length > 200_000) {
      ctx.addIssue({ code: "custom", path: ["schema"], message: "must be at most 200000 characters as JSON" });
      return;
    }
    const compiled = compileJsonSchema(params.schema);
    if (!compiled.ok) ctx.addIssue({ code: "custom", path: ["schema"], message: compiled.message });
  });

function createJsonSchemaScorer(config: ScorerConfigOf<typeof params>): Scorer {
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

export const jsonSchemaScorer = defineScorerKind({
  type: "json-schema",
  label: "JSON Schema",
  description: "1 when the output conforms to a JSON Schema; the reason lists the first violations.",
  defaultThreshold: 1,
  group: "JSON",
  params,
  form: [
    { control: "json", key: "schema", label: "JSON Schema", hint: "Draft-07 unless $schema names 2019-09 or 2020-12.", rows: 6, initial: DEFAULT_SCHEMA },
    {
      inline: [
        { control: "checkbox", key: "parseStringOutput", label: "Parse text outputs as JSON", initial: true },
        { control: "checkbox", key: "allowCodeFence", label: "Accept ```json fences" },
      ],
    },
  ],
  create: createJsonSchemaScorer,
});
