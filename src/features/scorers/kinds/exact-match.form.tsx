import { checkboxField, Options, type ScorerKindForm } from "../components/scorer-kind-form";

interface ExactMatchDraft {
  caseSensitive: boolean;
  trim: boolean;
  collapseWhitespace: boolean;
}

export const exactMatchForm: ScorerKindForm<"exact-match", ExactMatchDraft> = {
  newDraft: () => ({ caseSensitive: true, trim: true, collapseWhitespace: false }),
  toParams: (draft) => ({ caseSensitive: draft.caseSensitive, trim: draft.trim, collapseWhitespace: draft.collapseWhitespace }),
  fields: (props) => (
    <Options>
      {checkboxField(props, "Case sensitive", "caseSensitive")}
      {checkboxField(props, "Trim whitespace", "trim")}
      {checkboxField(props, "Collapse inner whitespace", "collapseWhitespace")}
    </Options>
  ),
};
