import { z } from "zod";
import { jsonRecordSchema } from "@/lib/json";
import { compileJsonSchema } from "@/lib/json-schema";
import { defineScorerKind } from "../kind";

export const jsonSchemaScorer = defineScorerKind({
  type: "json-schema",
  label: "JSON Schema",
  description: "1 when the output conforms to a JSON Schema; the reason lists the first violations.",
  defaultThreshold: 1,
  group: "JSON",
  params: z
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
    }),
});
