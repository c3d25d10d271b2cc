import type { z } from "zod";
import { formFields, type FormSpec } from "./fields";

type Def = { type?: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema at a dot path of an object schema, looking through defaults, optionals and pipes; undefined when there is none. */
export function schemaAt(schema: z.ZodType, path: string): z.ZodType | undefined {
  let at: z.ZodType | undefined = schema;
  for (const part of path.split(".")) {
    let def: Def = defOf(at);
    while (def.innerType ?? def.in) {
      at = (def.innerType ?? def.in)!;
      def = defOf(at);
    }
    at = def.type === "object" && def.shape && Object.hasOwn(def.shape, part) ? def.shape[part] : undefined;
    if (!at) return undefined;
  }
  return at;
}

/**
 * What is wrong with a kind's form against its schema: a field naming a key
 * the schema lacks, or a checkbox starting other than the schema's default.
 * Empty when the form fits.
 */
export function formProblems(form: FormSpec, schema: z.ZodType): string[] {
  return formFields(form).flatMap((field) => {
    const at = schemaAt(schema, field.key);
    if (!at) return [`${field.key}: no such key in the schema`];
    if (field.control !== "checkbox") return [];
    const fallback = at.safeParse(undefined);
    const initial = field.initial ?? false;
    return fallback.success && fallback.data !== initial ? [`${field.key}: starts ${initial}, the schema's default is ${String(fallback.data)}`] : [];
  });
}
