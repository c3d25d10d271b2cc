import { Field, Input } from "@/components/ui/field";
import { HeadersEditor, type HeaderRow } from "@/features/targets/components";
import { scopeErrors } from "@/lib/trpc/errors";
import { Grid, numberField, type ScorerKindForm } from "../components/scorer-kind-form";

interface HttpDraft {
  url: string;
  headers: HeaderRow[];
  timeoutMs: string;
}

export const httpForm: ScorerKindForm<"http", HttpDraft> = {
  newDraft: () => ({ url: "", headers: [], timeoutMs: "" }),
  toParams: (draft, read) => ({ url: draft.url.trim(), headers: read.headers("headers", draft.headers), timeoutMs: read.number("timeoutMs", draft.timeoutMs) }),
  fields: (props) => {
    const { draft, set, err, errors } = props;
    const headerErrors = scopeErrors(errors, "headers.");
    Object.keys(errors)
      .filter((key) => key.startsWith("headers"))
      .forEach((key) => err(key));
    return (
      <>
        <Grid className="grid-cols-[minmax(0,1fr)_9rem]">
          <Field label="Scorer URL" error={err("url")} hint="Receives POST { input, output, expectedOutput, metadata }; replies { score: 0–1, reason? }.">
            {(ids) => (
              <Input
                {...ids}
                className="font-mono text-xs"
                spellCheck={false}
                value={draft.url}
                onChange={(e) => set({ url: e.target.value })}
                placeholder="https://scorer.internal/score"
              />
            )}
          </Field>
          {numberField(props, "Timeout (ms)", "timeoutMs", undefined, "30000")}
        </Grid>
        <HeadersEditor
          rows={draft.headers}
          onChange={(headers) => set({ headers })}
          errors={{ ...headerErrors, ...(errors.headers ? { "": errors.headers } : {}) }}
        />
      </>
    );
  },
};
