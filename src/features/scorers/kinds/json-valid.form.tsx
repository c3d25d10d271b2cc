import { checkboxField, Options, type ScorerKindForm } from "../components/scorer-kind-form";

interface JsonValidDraft {
  allowCodeFence: boolean;
}

export const jsonValidForm: ScorerKindForm<"json-valid", JsonValidDraft> = {
  newDraft: () => ({ allowCodeFence: false }),
  toParams: (draft) => ({ allowCodeFence: draft.allowCodeFence }),
  fields: (props) => <Options>{checkboxField(props, "Accept ```json fences", "allowCodeFence")}</Options>,
};
