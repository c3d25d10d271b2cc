import { Field, Select } from "@/components/ui/field";
import { Grid, numberField, type ScorerKindForm } from "../components/scorer-kind-form";

interface NumericClosenessDraft {
  absoluteTolerance: string;
  relativeTolerance: string;
  falloff: "none" | "linear";
  extract: "whole" | "first" | "last";
  expected: string;
}

export const numericClosenessForm: ScorerKindForm<"numeric-closeness", NumericClosenessDraft> = {
  newDraft: () => ({ absoluteTolerance: "", relativeTolerance: "", falloff: "linear", extract: "whole", expected: "" }),
  toParams: (draft, read) => ({
    absoluteTolerance: read.number("absoluteTolerance", draft.absoluteTolerance),
    relativeTolerance: read.number("relativeTolerance", draft.relativeTolerance),
    falloff: draft.falloff,
    extract: draft.extract,
    expected: read.number("expected", draft.expected),
  }),
  fields: (props) => {
    const { draft, set, err } = props;
    return (
      <>
        <Grid className="grid-cols-3">
          {numberField(props, "Absolute tolerance", "absoluteTolerance", "e.g. 0.5", "0")}
          {numberField(props, "Relative tolerance", "relativeTolerance", "0.05 = 5%; the larger wins", "0")}
          {numberField(props, "Expected number", "expected", "Empty: the expected output.")}
        </Grid>
        <Grid className="grid-cols-2">
          <Field label="Past the tolerance" error={err("falloff")}>
            {(ids) => (
              <Select {...ids} value={draft.falloff} onChange={(e) => set({ falloff: e.target.value as NumericClosenessDraft["falloff"] })}>
                <option value="linear">Fall linearly to 0 at twice it</option>
                <option value="none">Score 0</option>
              </Select>
            )}
          </Field>
          <Field label="Number in a text output" error={err("extract")}>
            {(ids) => (
              <Select {...ids} value={draft.extract} onChange={(e) => set({ extract: e.target.value as NumericClosenessDraft["extract"] })}>
                <option value="whole">The whole text</option>
                <option value="first">The first number in it</option>
                <option value="last">The last number in it</option>
              </Select>
            )}
          </Field>
        </Grid>
      </>
    );
  },
};
