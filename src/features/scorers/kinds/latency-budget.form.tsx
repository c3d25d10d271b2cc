import { Field, Select } from "@/components/ui/field";
import { Grid, numberField, type ScorerKindForm } from "../components/scorer-kind-form";

interface LatencyBudgetDraft {
  budgetMs: string;
  decay: "step" | "linear";
}

export const latencyBudgetForm: ScorerKindForm<"latency-budget", LatencyBudgetDraft> = {
  newDraft: () => ({ budgetMs: "2000", decay: "step" }),
  // An empty box is left to the schema, which says the budget is required.
  toParams: (draft, read) => ({ budgetMs: read.number("budgetMs", draft.budgetMs) as number, decay: draft.decay }),
  fields: (props) => (
    <Grid className="grid-cols-2">
      {numberField(props, "Budget (ms)", "budgetMs")}
      <Field label="Over budget" error={props.err("decay")}>
        {(ids) => (
          <Select {...ids} value={props.draft.decay} onChange={(e) => props.set({ decay: e.target.value as LatencyBudgetDraft["decay"] })}>
            <option value="step">Score 0</option>
            <option value="linear">Fall linearly to 0 at twice it</option>
          </Select>
        )}
      </Field>
    </Grid>
  ),
};
