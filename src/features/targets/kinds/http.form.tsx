import { CodeTextarea, Field, Input, Select } from "@/components/ui/field";
import { headerRows, type HeaderRow } from "../components/draft-inputs";
import { HeadersEditor } from "../components/secret-input";
import { headerErrors, numberInput, Placeholder, Row, type TargetKindForm } from "../components/target-kind-form";
import { DEFAULT_RETRYABLE_STATUSES } from "./http";

export const HTTP_METHODS = ["POST", "PUT", "PATCH"] as const;

interface HttpDraft {
  url: string;
  method: (typeof HTTP_METHODS)[number];
  headers: HeaderRow[];
  bodyTemplate: string;
  outputPath: string;
  timeoutMs: string;
  retryableStatuses: string;
}

export const httpForm: TargetKindForm<"http", HttpDraft> = {
  newDraft: () => ({
    url: "",
    method: "POST",
    headers: [],
    bodyTemplate: "",
    outputPath: "",
    timeoutMs: "",
    retryableStatuses: DEFAULT_RETRYABLE_STATUSES.join(", "),
  }),
  fromConfig: (config) => ({
    url: config.url,
    method: config.method,
    headers: headerRows(config.headers),
    bodyTemplate: config.bodyTemplate,
    outputPath: config.outputPath,
    timeoutMs: config.timeoutMs === undefined ? "" : String(config.timeoutMs),
    retryableStatuses: config.retryableStatuses.join(", "),
  }),
  toConfig: (draft, read) => {
    const statuses: number[] = [];
    for (const part of draft.retryableStatuses.split(/[\s,]+/).filter(Boolean)) {
      const status = Number(part);
      if (!Number.isInteger(status) || status < 100 || status > 599) {
        read.error("retryableStatuses", `"${part}" is not an HTTP status (100–599)`);
        break;
      }
      statuses.push(status);
    }
    return {
      kind: "http",
      url: draft.url.trim(),
      method: draft.method,
      headers: read.headers("headers", draft.headers),
      bodyTemplate: draft.bodyTemplate,
      outputPath: draft.outputPath,
      timeoutMs: read.number("timeoutMs", draft.timeoutMs),
      retryableStatuses: statuses,
    };
  },
  fields: ({ draft, set, errors }) => (
    <div className="flex flex-col gap-4">
      <Row className="grid-cols-[7rem_minmax(0,1fr)]">
        <Field label="Method" error={errors.method}>
          {(ids) => (
            <Select {...ids} value={draft.method} onChange={(e) => set({ method: e.target.value as HttpDraft["method"] })}>
              {HTTP_METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="URL" error={errors.url} hint="Receives each item as JSON; answers with the output.">
          {(ids) => (
            <Input
              {...ids}
              value={draft.url}
              onChange={(e) => set({ url: e.target.value })}
              placeholder="https://my-agent.internal/answer"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      </Row>
      <HeadersEditor rows={draft.headers} onChange={(headers) => set({ headers })} errors={headerErrors(errors)} hint="e.g. Authorization: Bearer …" />
      <Field
        label="Body template"
        error={errors.bodyTemplate}
        hint={
          <>
            JSON where <Placeholder>input</Placeholder>, <Placeholder>input.question</Placeholder>, <Placeholder>metadata.lang</Placeholder> become the
            item&apos;s values as JSON (strings quoted). Empty: the body is <code className="font-mono text-[11px]">{'{ "input": …, "metadata": … }'}</code>.
          </>
        }
      >
        {(ids) => (
          <CodeTextarea
            {...ids}
            rows={4}
            value={draft.bodyTemplate}
            onChange={(e) => set({ bodyTemplate: e.target.value })}
            placeholder={'{ "question": {{input.question}}, "lang": {{metadata.lang}} }'}
          />
        )}
      </Field>
      <Row className="md:grid-cols-3">
        <Field label="Output path" error={errors.outputPath} hint="Dot path in the JSON reply, e.g. data.answer. Empty: the whole body.">
          {(ids) => (
            <Input
              {...ids}
              value={draft.outputPath}
              onChange={(e) => set({ outputPath: e.target.value })}
              placeholder="output"
              className="font-mono text-xs"
              spellCheck={false}
            />
          )}
        </Field>
        {numberInput(
          errors,
          "Timeout override (ms)",
          "timeoutMs",
          draft.timeoutMs,
          (v) => set({ timeoutMs: v }),
          "Empty: the run's per-item timeout.",
          "30000",
        )}
        <Field label="Retryable statuses" error={errors.retryableStatuses} hint="Retried with backoff, honouring Retry-After.">
          {(ids) => (
            <Input
              {...ids}
              value={draft.retryableStatuses}
              onChange={(e) => set({ retryableStatuses: e.target.value })}
              className="font-mono text-xs tabular-nums"
              spellCheck={false}
            />
          )}
        </Field>
      </Row>
    </div>
  ),
  fieldPaths: ["url", "method", "headers", "headers.*", "bodyTemplate", "outputPath", "timeoutMs", "retryableStatuses"],
};
