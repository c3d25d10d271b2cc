import { checkboxField, Options, type ScorerKindForm } from "../components/scorer-kind-form";

interface JsonEqualDraft {
  ignoreExtraKeys: boolean;
  allowCodeFence: boolean;
}

export const jsonEqualForm: ScorerKindForm<"json-equal", JsonEqualDraft> = {
  newDraft: () => ({ ignoreExtraKeys: false, allowCodeFence: false }),
  toParams: (draft) => ({ ignoreExtraKeys: draft.ignoreExtraKeys, allowCodeFence: draft.allowCodeFence }),
  fields: (props) => (
    <Options>
      {checkboxField(props, "Ignore extra keys in the output", "ignoreExtraKeys")}
      {checkboxField(props, "Accept ```json fences", "allowCodeFence")}
    </Options>
  ),
};
