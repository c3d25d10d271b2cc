import { Grid, numberField, type ScorerKindForm } from "../components/scorer-kind-form";

interface LengthBoundsDraft {
  min: string;
  max: string;
}

export const lengthBoundsForm: ScorerKindForm<"length-bounds", LengthBoundsDraft> = {
  newDraft: () => ({ min: "", max: "" }),
  toParams: (draft, read) => ({ min: read.number("min", draft.min), max: read.number("max", draft.max) }),
  fields: (props) => (
    <Grid className="grid-cols-2">
      {numberField(props, "Min characters", "min", "Empty: no minimum.")}
      {numberField(props, "Max characters", "max", "Empty: no maximum.")}
    </Grid>
  ),
};
