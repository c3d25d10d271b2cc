import { checkboxField, Options, type ScorerKindForm } from "../components/scorer-kind-form";

interface LevenshteinDraft {
  caseSensitive: boolean;
}

export const levenshteinForm: ScorerKindForm<"levenshtein", LevenshteinDraft> = {
  newDraft: () => ({ caseSensitive: true }),
  toParams: (draft) => ({ caseSensitive: draft.caseSensitive }),
  fields: (props) => <Options>{checkboxField(props, "Case sensitive", "caseSensitive")}</Options>,
};
