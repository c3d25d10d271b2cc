import { setOwn } from "@/lib/json-path";
import type { FieldErrors } from "@/lib/trpc/errors";
import { DEFAULT_RETRYABLE_STATUSES, SECRET_MASK, type TargetConfig, type TargetConfigInput, type TargetKind } from "../schemas";

/**
 * The target form's editable state: text as typed, one slot per kind so that
 * switching kind and back keeps what was entered. Turned into a config on
 * submit and validated with the same zod schema as the server.
 */

let localId = 0;
/** Keys for rows that exist only in the form (headers, scorers). */
export const nextDraftId = () => `d${++localId}`;

export interface HeaderRow {
  id: string;
  name: string;
  value: string;
  /**
   * The header's name when it came from the server with its value masked: the
   * mask keeps the stored value only under that name.
   */
  storedName: string | null;
}

export interface TargetDraft {
  kind: TargetKind;
  demo: { latencyMs: string; jitterMs: string; failureRate: string; accuracy: string };
  http: {
    url: string;
    method: "POST" | "PUT" | "PATCH";
    headers: HeaderRow[];
    bodyTemplate: string;
    outputPath: string;
    timeoutMs: string;
    retryableStatuses: string;
  };
  openai: {
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
  };
}

export const HTTP_METHODS = ["POST", "PUT", "PATCH"] as const;

/** Where the usual OpenAI-compatible servers listen. */
export const OPENAI_BASE_URL_PRESETS = [
  { label: "OpenAI", url: "https://api.openai.com/v1" },
  { label: "Ollama", url: "http://localhost:11434/v1" },
  { label: "vLLM", url: "http://localhost:8000/v1" },
  { label: "LM Studio", url: "http://localhost:1234/v1" },
] as const;

export function defaultTargetDraft(kind: TargetKind = "openai-chat"): TargetDraft {
  return {
    kind,
    demo: { latencyMs: "300", jitterMs: "200", failureRate: "0", accuracy: "0.8" },
    http: { url: "", method: "POST", headers: [], bodyTemplate: "", outputPath: "", timeoutMs: "", retryableStatuses: DEFAULT_RETRYABLE_STATUSES.join(", ") },
    openai: {
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
    },
  };
}

const text = (value: number | undefined) => (value === undefined ? "" : String(value));

function headerRows(headers: Record<string, string> | undefined): HeaderRow[] {
  return Object.entries(headers ?? {}).map(([name, value]) => ({ id: nextDraftId(), name, value, storedName: value === SECRET_MASK ? name : null }));
}

/** The draft for a saved target's (masked) config. */
export function draftFromConfig(config: TargetConfig): TargetDraft {
  const draft = defaultTargetDraft(config.kind);
  switch (config.kind) {
    case "echo":
      break;
    case "demo":
      draft.demo = { latencyMs: text(config.latencyMs), jitterMs: text(config.jitterMs), failureRate: text(config.failureRate), accuracy: text(config.accuracy) };
      break;
    case "http":
      draft.http = {
        url: config.url,
        method: config.method,
        headers: headerRows(config.headers),
        bodyTemplate: config.bodyTemplate,
        outputPath: config.outputPath,
        timeoutMs: text(config.timeoutMs),
        retryableStatuses: config.retryableStatuses.join(", "),
      };
      break;
    case "openai-chat":
      draft.openai = {
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
      };
      break;
  }
  return draft;
}

/** Reads number boxes: empty means "not set" (the schema's default); anything else must be a number. */
export function numberReader(errors: FieldErrors, prefix = "") {
  return (path: string, raw: string): number | undefined => {
    const trimmed = raw.trim();
    if (trimmed === "") return undefined;
    const value = Number(trimmed);
    if (!Number.isFinite(value)) errors[prefix + path] = "must be a number";
    return value;
  };
}

/**
 * Header rows to a record. Problems go under `<path>.<row index>` so the
 * editor can put them next to the row; blank rows are dropped. Every name is
 * an own key (setOwn), so `constructor` is a header like any other; a
 * `__proto__` header is refused next to its row, as the server would refuse it
 * (an assignment would set the record's prototype and drop the header).
 */
export function headersFromRows(rows: HeaderRow[], errors: FieldErrors, path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  rows.forEach((row, index) => {
    const name = row.name.trim();
    if (!name && !row.value) return;
    if (!name) errors[`${path}.${index}`] = "Header name is required";
    else if (name === "__proto__") errors[`${path}.${index}`] = '"__proto__" is not allowed as a header name';
    else if (Object.hasOwn(headers, name)) errors[`${path}.${index}`] = `Header "${name}" is set twice`;
    else if (row.value === SECRET_MASK && row.storedName !== name)
      errors[`${path}.${index}`] = row.storedName
        ? `Type the value again: the stored value belongs to "${row.storedName}"`
        : "Type the header's value";
    else setOwn(headers, name, row.value);
  });
  return headers;
}

/**
 * The config the draft describes (not yet validated: the caller runs the
 * shared schema). Problems only the form can see (a number box holding
 * text, a duplicate header) are added to `errors` under `prefix`.
 */
export function configFromDraft(draft: TargetDraft, errors: FieldErrors, prefix: string): TargetConfigInput {
  const num = numberReader(errors, prefix);
  switch (draft.kind) {
    case "echo":
      return { kind: "echo" };
    case "demo":
      return {
        kind: "demo",
        latencyMs: num("latencyMs", draft.demo.latencyMs),
        jitterMs: num("jitterMs", draft.demo.jitterMs),
        failureRate: num("failureRate", draft.demo.failureRate),
        accuracy: num("accuracy", draft.demo.accuracy),
      };
    case "http": {
      const statuses: number[] = [];
      for (const part of draft.http.retryableStatuses.split(/[\s,]+/).filter(Boolean)) {
        const status = Number(part);
        if (!Number.isInteger(status) || status < 100 || status > 599) {
          errors[`${prefix}retryableStatuses`] = `"${part}" is not an HTTP status (100–599)`;
          break;
        }
        statuses.push(status);
      }
      return {
        kind: "http",
        url: draft.http.url.trim(),
        method: draft.http.method,
        headers: headersFromRows(draft.http.headers, errors, `${prefix}headers`),
        bodyTemplate: draft.http.bodyTemplate,
        outputPath: draft.http.outputPath,
        timeoutMs: num("timeoutMs", draft.http.timeoutMs),
        retryableStatuses: statuses,
      };
    }
    case "openai-chat":
      return {
        kind: "openai-chat",
        baseUrl: draft.openai.baseUrl.trim(),
        apiKey: draft.openai.apiKey.trim(),
        model: draft.openai.model,
        systemPrompt: draft.openai.systemPrompt,
        userTemplate: draft.openai.userTemplate,
        temperature: num("temperature", draft.openai.temperature),
        maxTokens: num("maxTokens", draft.openai.maxTokens),
        jsonMode: draft.openai.jsonMode,
        headers: headersFromRows(draft.openai.headers, errors, `${prefix}headers`),
        pricing: { promptPer1k: num("pricing.promptPer1k", draft.openai.promptPer1k) ?? 0, completionPer1k: num("pricing.completionPer1k", draft.openai.completionPer1k) ?? 0 },
      };
  }
}

/** zod issues to form errors, keeping the first message per path (and any the form found itself). */
export function addIssues(errors: FieldErrors, issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    errors[path] ??= issue.message;
  }
}

/** A one-line summary of where a target sends items, for lists and pickers. */
export function targetSummary(config: TargetConfig): string {
  switch (config.kind) {
    case "echo":
      return "Returns the input";
    case "demo":
      return `Simulated · ~${config.latencyMs} ms · ${Math.round(config.accuracy * 100)}% accurate`;
    case "http":
      return `${config.method} ${config.url}`;
    case "openai-chat":
      return `${config.model} · ${config.baseUrl}`;
  }
}
