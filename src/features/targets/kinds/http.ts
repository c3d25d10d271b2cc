import { z } from "zod";
import type { HttpReply } from "@/lib/http-call";
import { describeHttpFailure, parseRetryAfter } from "@/lib/http-call-helpers";
import { httpHeadersSchema } from "@/lib/http-headers";
import type { JsonValue } from "@/lib/json";
import { readPath } from "@/lib/json-path";
import { renderJsonTemplate } from "@/lib/template";
import { defineTargetKind, headerSecretPaths, type TargetIo } from "../kind";
import { TargetError, type Target, type TargetRequest } from "../types";
import { dotPathSchema, httpUrlSchema } from "./shared";

export const HTTP_METHODS = ["POST", "PUT", "PATCH"] as const;

export const DEFAULT_RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];

/** Sends the item as JSON to a URL and takes the output from the response. */
export const httpTargetConfig = z.object({
  kind: z.literal("http"),
  url: httpUrlSchema,
  method: z.enum(HTTP_METHODS).default("POST"),
  /** Secret: header values are encrypted at rest and masked in every response. */
  headers: httpHeadersSchema.default({}),
  /**
   * The request body as a JSON template: `{{input}}`, `{{input.question}}`,
   * `{{metadata.lang}}` are replaced by the item's values as JSON. Empty: the
   * body is `{ "input": …, "metadata": … }`.
   */
  bodyTemplate: z.string().max(20_000).default(""),
  /** Where the output is in a JSON response, as a dot path. Empty: the whole body. */
  outputPath: dotPathSchema,
  /** Overrides the run's per-attempt timeout for this target. */
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
  /** Response statuses that are retried with backoff. */
  retryableStatuses: z.array(z.number().int().min(100).max(599)).max(50).default(DEFAULT_RETRYABLE_STATUSES),
});

type HttpConfig = z.infer<typeof httpTargetConfig>;

const MAX_RESPONSE_CHARS = 1_000_000;
const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"]);

function snippet(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function networkError(error: unknown): TargetError {
  const { code, detail } = describeHttpFailure(error);
  if (code && CONNECTION_CODES.has(code)) {
    return new TargetError("connection", `Could not reach the target: ${detail}`, { transient: true, cause: error });
  }
  return new TargetError("connection", `Request to the target failed: ${detail}`, { transient: true, cause: error });
}

function requestBody(config: HttpConfig, request: TargetRequest): string {
  if (config.bodyTemplate.trim() === "") return JSON.stringify({ input: request.input, metadata: request.metadata });
  try {
    return JSON.stringify(
      renderJsonTemplate(config.bodyTemplate, { input: request.input, metadata: request.metadata, expectedOutput: request.expectedOutput }),
    );
  } catch (error) {
    throw new TargetError("config", error instanceof Error ? error.message : String(error));
  }
}

function createHttpTarget(config: HttpConfig, io: TargetIo): Target {
  const retryable = new Set(config.retryableStatuses);
  return {
    timeoutMs: config.timeoutMs,
    async call(request, signal) {
      const body = requestBody(config, request);
      let response: HttpReply;
      try {
        response = await io.httpCall(config.url, {
          method: config.method,
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            // The same key on every retry of one (run, item, repetition), so the target can deduplicate.
            "idempotency-key": `${request.runId}:${request.itemId}:${request.repetition}`,
            ...config.headers,
          },
          body,
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw new TargetError("aborted", "The request was aborted.", { cause: error });
        throw networkError(error);
      }

      const text = response.text;

      if (!response.ok) {
        const transient = retryable.has(response.status);
        throw new TargetError("http-status", `HTTP ${response.status}${text ? `: ${snippet(text)}` : ""}`, {
          transient,
          retryAfterMs: parseRetryAfter(response.header("retry-after")),
        });
      }
      if (text.length > MAX_RESPONSE_CHARS) {
        throw new TargetError("bad-response", `The response is larger than ${MAX_RESPONSE_CHARS} characters.`);
      }

      const contentType = response.header("content-type") ?? "";
      const looksJson = contentType.includes("json") || config.outputPath !== "";
      if (!looksJson) return { output: text };

      let reply: unknown;
      try {
        reply = JSON.parse(text);
      } catch {
        throw new TargetError("bad-response", `The response is not valid JSON: ${snippet(text, 120) || "(empty body)"}`);
      }
      const picked = readPath(reply, config.outputPath);
      if (!picked.found) {
        throw new TargetError("bad-response", `The response has no value at "${config.outputPath}": ${snippet(text, 120)}`);
      }
      return { output: (picked.value ?? null) as JsonValue };
    },
  };
}

export const httpTarget = defineTargetKind({
  kind: "http",
  label: "HTTP endpoint",
  description: "Sends each item as JSON to your service and reads the output from the reply.",
  badge: { label: "HTTP", tone: "blue" },
  config: httpTargetConfig,
  secretPaths: (config) => headerSecretPaths(config.headers),
  urlField: "url",
  summary: (config) => `${config.method} ${config.url}`,
  form: [
    {
      grid: "grid-cols-[7rem_minmax(0,1fr)]",
      row: [
        { control: "select", key: "method", label: "Method", options: HTTP_METHODS },
        {
          control: "text",
          key: "url",
          label: "URL",
          hint: "Receives each item as JSON; answers with the output.",
          placeholder: "https://my-agent.internal/answer",
          trim: true,
        },
      ],
    },
    { control: "headers", key: "headers", hint: "e.g. Authorization: Bearer …" },
    {
      control: "textarea",
      key: "bodyTemplate",
      label: "Body template",
      hint: 'JSON where {{input}}, {{input.question}}, {{metadata.lang}} become the item\'s values as JSON (strings quoted). Empty: the body is `{ "input": …, "metadata": … }`.',
      rows: 4,
      code: true,
      placeholder: '{ "question": {{input.question}}, "lang": {{metadata.lang}} }',
    },
    {
      grid: "md:grid-cols-3",
      row: [
        {
          control: "text",
          key: "outputPath",
          label: "Output path",
          hint: "Dot path in the JSON reply, e.g. data.answer. Empty: the whole body.",
          placeholder: "output",
          mono: true,
        },
        { control: "number", key: "timeoutMs", label: "Timeout override (ms)", hint: "Empty: the run's per-item timeout.", placeholder: "30000" },
        {
          control: "integers",
          key: "retryableStatuses",
          label: "Retryable statuses",
          hint: "Retried with backoff, honouring Retry-After.",
          initial: DEFAULT_RETRYABLE_STATUSES.join(", "),
          min: 100,
          max: 599,
          invalid: '"{part}" is not an HTTP status (100–599)',
        },
      ],
    },
  ],
  create: createHttpTarget,
});
