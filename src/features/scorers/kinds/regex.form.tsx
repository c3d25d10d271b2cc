import { Field, Input } from "@/components/ui/field";
import { checkboxField, Grid, Options, type ScorerKindForm } from "../components/scorer-kind-form";

interface RegexDraft {
  pattern: string;
  flags: string;
  mustNotMatch: boolean;
}

export const regexForm: ScorerKindForm<"regex", RegexDraft> = {
  newDraft: () => ({ pattern: "", flags: "", mustNotMatch: false }),
  toParams: (draft) => ({ pattern: draft.pattern, flags: draft.flags.trim(), mustNotMatch: draft.mustNotMatch }),
  fields: (props) => {
    const { draft, set, err } = props;
    return (
      <>
        <Grid className="grid-cols-[minmax(0,1fr)_6rem]">
          <Field label="Pattern" error={err("pattern")} hint="JavaScript syntax on a linear-time engine: no lookaround or backreferences.">
            {(ids) => (
              <Input
                {...ids}
                className="font-mono text-xs"
                spellCheck={false}
                value={draft.pattern}
                onChange={(e) => set({ pattern: e.target.value })}
                placeholder="^\d{4}-\d{2}-\d{2}$"
              />
            )}
          </Field>
          <Field label="Flags" error={err("flags")} hint="i, m, s">
            {(ids) => (
              <Input
                {...ids}
                className="font-mono text-xs"
                spellCheck={false}
                value={draft.flags}
                onChange={(e) => set({ flags: e.target.value })}
                placeholder="i"
              />
            )}
          </Field>
        </Grid>
        <Options>{checkboxField(props, "Must not match — score 1 when the pattern is absent (banned phrases)", "mustNotMatch")}</Options>
      </>
    );
  },
};
