import { CodeTextarea, Field } from "@/components/ui/field";
import { Segmented } from "@/components/ui/tabs";
import { checkboxField, type ScorerKindForm } from "../components/scorer-kind-form";

interface ContainsDraft {
  /** One text per line. */
  values: string;
  mode: "all" | "any";
  caseSensitive: boolean;
}

export const containsForm: ScorerKindForm<"contains", ContainsDraft> = {
  newDraft: () => ({ values: "", mode: "all", caseSensitive: false }),
  toParams: (draft) => ({
    values: draft.values
      .split("\n")
      .map((v) => v.trim())
      .filter(Boolean),
    mode: draft.mode,
    caseSensitive: draft.caseSensitive,
  }),
  fields: (props) => {
    const { draft, set, err, errors } = props;
    // One message for the box, whichever text it is about; the single-value form (`value`) has no box of its own.
    const valuesError = err("values") ?? Object.entries(errors).find(([key]) => key.startsWith("values."))?.[1];
    Object.keys(errors)
      .filter((key) => key.startsWith("values.") || key === "value")
      .forEach((key) => err(key));
    return (
      <>
        <Field label="Must contain" error={valuesError} hint="One text per line. Empty: the item's expected output (a text, or a list of texts).">
          {(ids) => <CodeTextarea {...ids} rows={3} value={draft.values} onChange={(e) => set({ values: e.target.value })} placeholder={"Paris\ncapital"} />}
        </Field>
        <div className="flex flex-wrap items-center gap-4">
          <Segmented
            label="Match mode"
            value={draft.mode}
            onChange={(mode) => set({ mode })}
            items={[
              { value: "all", label: "All — share found" },
              { value: "any", label: "Any — one is enough" },
            ]}
          />
          {checkboxField(props, "Case sensitive", "caseSensitive")}
        </div>
      </>
    );
  },
};
