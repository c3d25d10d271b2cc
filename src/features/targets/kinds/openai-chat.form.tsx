import { cn } from "@/components/ui/cn";
import { Checkbox, CodeTextarea, Field, Input, Textarea } from "@/components/ui/field";
import { headerRows, type HeaderRow } from "../components/draft-inputs";
import { HeadersEditor, SecretInput } from "../components/secret-input";
import { headerErrors, numberInput, Placeholder, Row, type TargetKindForm } from "../components/target-kind-form";

/** Where the usual OpenAI-compatible servers listen. */
export const OPENAI_BASE_URL_PRESETS = [
  { label: "OpenAI", url: "https://api.openai.com/v1" },
  { label: "Ollama", url: "http://localhost:11434/v1" },
  { label: "vLLM", url: "http://localhost:8000/v1" },
  { label: "LM Studio", url: "http://localhost:1234/v1" },
] as const;

interface OpenAiChatDraft {
  baseUrl: string;
  apiKey: string;
  model: string;
  systemPrompt: string;
  userTemplate: string;
  temperature: string;
  maxTokens: string;
  jsonMode: boolean;
  promptPer1k: string;
  completionPer1k: string;
  headers: HeaderRow[];
}

const text = (value: number | undefined) => (value === undefined ? "" : String(value));

export const openAiChatForm: TargetKindForm<"openai-chat", OpenAiChatDraft> = {
  newDraft: () => ({
    baseUrl: "https://api.openai.com/v1",
    apiKey: "",
    model: "",
    systemPrompt: "",
    userTemplate: "{{input}}",
    temperature: "",
    maxTokens: "",
    jsonMode: false,
    promptPer1k: "",
    completionPer1k: "",
    headers: [],
  }),
  fromConfig: (config) => ({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    model: config.model,
    systemPrompt: config.systemPrompt,
    userTemplate: config.userTemplate,
    temperature: text(config.temperature),
    maxTokens: text(config.maxTokens),
    jsonMode: config.jsonMode,
    promptPer1k: config.pricing.promptPer1k ? String(config.pricing.promptPer1k) : "",
    completionPer1k: config.pricing.completionPer1k ? String(config.pricing.completionPer1k) : "",
    headers: headerRows(config.headers),
  }),
  toConfig: (draft, read) => ({
    kind: "openai-chat",
    baseUrl: draft.baseUrl.trim(),
    apiKey: draft.apiKey.trim(),
    model: draft.model,
    systemPrompt: draft.systemPrompt,
    userTemplate: draft.userTemplate,
    temperature: read.number("temperature", draft.temperature),
    maxTokens: read.number("maxTokens", draft.maxTokens),
    jsonMode: draft.jsonMode,
    headers: read.headers("headers", draft.headers),
    pricing: {
      promptPer1k: read.number("pricing.promptPer1k", draft.promptPer1k) ?? 0,
      completionPer1k: read.number("pricing.completionPer1k", draft.completionPer1k) ?? 0,
    },
  }),
  fields: ({ draft, set, errors }) => (
    <div className="flex flex-col gap-4">
      <Field
        label="Base URL"
        error={errors.baseUrl}
        hint={
          <span className="flex flex-wrap items-center gap-1.5">
            Presets:
            {OPENAI_BASE_URL_PRESETS.map((preset) => (
              <button
                key={preset.label}
                type="button"
                onClick={() => set({ baseUrl: preset.url })}
                title={preset.url}
                className={cn(
                  "rounded-full px-2 py-px text-[11px] font-medium ring-1 ring-inset transition-colors",
                  draft.baseUrl === preset.url
                    ? "bg-zinc-900 text-white ring-zinc-900"
                    : "bg-white text-zinc-600 ring-zinc-200 hover:bg-zinc-50 hover:text-zinc-900",
                )}
              >
                {preset.label}
              </button>
            ))}
            <span className="text-zinc-500">— any server with /chat/completions</span>
          </span>
        }
      >
        {(ids) => (
          <Input
            {...ids}
            value={draft.baseUrl}
            onChange={(e) => set({ baseUrl: e.target.value })}
            placeholder="https://api.openai.com/v1"
            autoComplete="off"
            spellCheck={false}
            className="font-mono text-xs"
          />
        )}
      </Field>
      <Row className="md:grid-cols-2">
        <Field label="API key" error={errors.apiKey} hint="Secret: encrypted at rest, never sent back. Empty for local servers.">
          {(ids) => <SecretInput {...ids} value={draft.apiKey} onChange={(e) => set({ apiKey: e.target.value })} placeholder="sk-…" />}
        </Field>
        <Field label="Model" error={errors.model}>
          {(ids) => (
            <Input
              {...ids}
              value={draft.model}
              onChange={(e) => set({ model: e.target.value })}
              placeholder="gpt-4o-mini, llama3.1:8b…"
              autoComplete="off"
              spellCheck={false}
              className="font-mono text-xs"
            />
          )}
        </Field>
      </Row>
      <Field label="System prompt" error={errors.systemPrompt} hint="Optional.">
        {(ids) => (
          <Textarea
            {...ids}
            rows={3}
            value={draft.systemPrompt}
            onChange={(e) => set({ systemPrompt: e.target.value })}
            placeholder="You are a concise assistant. Answer with the city name only."
          />
        )}
      </Field>
      <Field
        label="User message"
        error={errors.userTemplate}
        hint={
          <>
            <Placeholder>input</Placeholder> is the item&apos;s input (objects as JSON); <Placeholder>input.question</Placeholder>,{" "}
            <Placeholder>metadata.lang</Placeholder> and <Placeholder>expectedOutput</Placeholder> reach inside it.
          </>
        }
      >
        {(ids) => <CodeTextarea {...ids} rows={3} value={draft.userTemplate} onChange={(e) => set({ userTemplate: e.target.value })} />}
      </Field>
      <Row className="grid-cols-2 md:grid-cols-4">
        {numberInput(errors, "Temperature", "temperature", draft.temperature, (v) => set({ temperature: v }), "0 to 2", "default")}
        {numberInput(errors, "Max tokens", "maxTokens", draft.maxTokens, (v) => set({ maxTokens: v }), undefined, "default")}
        {numberInput(errors, "$ / 1k prompt tokens", "pricing.promptPer1k", draft.promptPer1k, (v) => set({ promptPer1k: v }), "For cost estimates", "0")}
        {numberInput(errors, "$ / 1k completion tokens", "pricing.completionPer1k", draft.completionPer1k, (v) => set({ completionPer1k: v }), undefined, "0")}
      </Row>
      <div className="flex flex-col gap-1">
        <Checkbox
          label="JSON mode — ask for a JSON object reply; the output is the parsed JSON"
          checked={draft.jsonMode}
          onChange={(jsonMode) => set({ jsonMode })}
        />
        {errors.jsonMode && <p className="text-xs text-red-600">{errors.jsonMode}</p>}
      </div>
      <HeadersEditor
        label="Extra headers"
        rows={draft.headers}
        onChange={(headers) => set({ headers })}
        errors={headerErrors(errors)}
        hint="For gateways, e.g. OpenAI-Organization."
      />
    </div>
  ),
  fieldPaths: ["baseUrl", "apiKey", "model", "systemPrompt", "userTemplate", "temperature", "maxTokens", "jsonMode", "pricing.*", "headers", "headers.*"],
};
