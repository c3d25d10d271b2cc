import { CodeTextarea, Field, Input, Select } from "@/components/ui/field";
import { SecretInput, Placeholder, OPENAI_BASE_URL_PRESETS } from "@/features/targets/components";
import { Grid, numberField, type ScorerKindForm } from "../components/scorer-kind-form";
import { DEFAULT_JUDGE_RUBRIC, JUDGE_SCALES, type JudgeScale } from "./llm-judge";

interface LlmJudgeDraft {
  baseUrl: string;
  apiKey: string;
  model: string;
  rubric: string;
  scale: JudgeScale;
  temperature: string;
}

export const llmJudgeForm: ScorerKindForm<"llm-judge", LlmJudgeDraft> = {
  newDraft: () => ({ baseUrl: "https://api.openai.com/v1", apiKey: "", model: "gpt-4o-mini", rubric: DEFAULT_JUDGE_RUBRIC, scale: "0-1", temperature: "" }),
  toParams: (draft, read) => ({
    baseUrl: draft.baseUrl.trim(),
    apiKey: draft.apiKey.trim(),
    model: draft.model,
    rubric: draft.rubric,
    scale: draft.scale,
    temperature: read.number("temperature", draft.temperature),
  }),
  fields: (props) => {
    const { draft, set, err } = props;
    return (
      <>
        <Field
          label="Judge base URL"
          error={err("baseUrl")}
          hint={
            <span className="flex flex-wrap items-center gap-1.5">
              {OPENAI_BASE_URL_PRESETS.map((preset) => (
                <button
                  key={preset.label}
                  type="button"
                  title={preset.url}
                  onClick={() => set({ baseUrl: preset.url })}
                  className="rounded-full bg-white px-2 py-px text-[11px] font-medium text-zinc-600 ring-1 ring-zinc-200 ring-inset hover:text-zinc-900"
                >
                  {preset.label}
                </button>
              ))}
            </span>
          }
        >
          {(ids) => (
            <Input {...ids} className="font-mono text-xs" spellCheck={false} value={draft.baseUrl} onChange={(e) => set({ baseUrl: e.target.value })} />
          )}
        </Field>
        <Grid className="grid-cols-2">
          <Field label="Judge API key" error={err("apiKey")} hint="Secret: masked everywhere after the run starts.">
            {(ids) => (
              <SecretInput {...ids} value={draft.apiKey} onChange={(e) => set({ apiKey: e.target.value })} placeholder="sk-… (empty for local servers)" />
            )}
          </Field>
          <Field label="Judge model" error={err("model")}>
            {(ids) => <Input {...ids} className="font-mono text-xs" spellCheck={false} value={draft.model} onChange={(e) => set({ model: e.target.value })} />}
          </Field>
        </Grid>
        <Field
          label="Rubric"
          error={err("rubric")}
          hint={
            <>
              Must include <Placeholder>output</Placeholder>; may use <Placeholder>input</Placeholder>, <Placeholder>expectedOutput</Placeholder>,{" "}
              <Placeholder>metadata.x</Placeholder>. The judge replies with a score on the scale below.
            </>
          }
        >
          {(ids) => <CodeTextarea {...ids} rows={6} value={draft.rubric} onChange={(e) => set({ rubric: e.target.value })} />}
        </Field>
        <Grid className="grid-cols-2">
          <Field label="Scale" error={err("scale")} hint="Converted to 0–1.">
            {(ids) => (
              <Select {...ids} value={draft.scale} onChange={(e) => set({ scale: e.target.value as JudgeScale })}>
                {JUDGE_SCALES.map((scale) => (
                  <option key={scale} value={scale}>
                    {scale}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {numberField(props, "Temperature", "temperature", "Default 0: repeatable grades.", "0")}
        </Grid>
      </>
    );
  },
};
