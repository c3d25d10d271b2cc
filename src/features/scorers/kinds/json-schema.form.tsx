import { CodeTextarea, Field } from "@/components/ui/field";
import type { JsonValue } from "@/lib/json";
import { checkboxField, Options, type ScorerKindForm } from "../components/scorer-kind-form";

interface JsonSchemaDraft {
  /** The schema as JSON text. */
  schema: string;
  parseStringOutput: boolean;
  allowCodeFence: boolean;
}

const DEFAULT_SCHEMA = '{\n  "type": "object",\n  "required": ["answer"],\n  "properties": { "answer": { "type": "string" } }\n}';

export const jsonSchemaForm: ScorerKindForm<"json-schema", JsonSchemaDraft> = {
  newDraft: () => ({ schema: DEFAULT_SCHEMA, parseStringOutput: true, allowCodeFence: false }),
  toParams: (draft, read) => {
    let schema: unknown;
    if (draft.schema.trim() !== "") {
      try {
        schema = JSON.parse(draft.schema);
      } catch (error) {
        read.error("schema", `Invalid JSON${error instanceof Error ? `: ${error.message}` : ""}`);
      }
    }
    return { schema: schema as Record<string, JsonValue>, parseStringOutput: draft.parseStringOutput, allowCodeFence: draft.allowCodeFence };
  },
  fields: (props) => (
    <>
      <Field label="JSON Schema" error={props.err("schema")} hint="Draft-07 unless $schema names 2019-09 or 2020-12.">
        {(ids) => <CodeTextarea {...ids} rows={6} value={props.draft.schema} onChange={(e) => props.set({ schema: e.target.value })} />}
      </Field>
      <Options>
        {checkboxField(props, "Parse text outputs as JSON", "parseStringOutput")}
        {checkboxField(props, "Accept ```json fences", "allowCodeFence")}
      </Options>
    </>
  ),
};
