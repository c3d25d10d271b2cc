import { z } from "zod";
import { httpHeadersSchema } from "@/lib/http-headers";
import { idSchema } from "@/features/datasets/schemas";
import { jsonValueSchema } from "@/lib/json";
import { writePath } from "@/lib/json-path";
import { maskUrlCredentials, urlHasMaskedCredential } from "./url-credentials";

/** Shown instead of a secret value; sending it back on update keeps the stored value. */
export const SECRET_MASK = "••••••";

/** The built-in target that returns the item's input unchanged. */
export const echoTargetConfig = z.object({
  kind: z.literal("echo"),
});

/** A built-in target for demos and tests: waits, sometimes fails, sometimes answers wrong. */
export const demoTargetConfig = z.object({
  kind: z.literal("demo"),
  latencyMs: z.number().int().min(0).max(60_000).default(300),
  jitterMs: z.number().int().min(0).max(60_000).default(200),
  failureRate: z.number().min(0).max(1).default(0),
  /** Probability of answering with the expected output (else a near miss). */
  accuracy: z.number().min(0).max(1).default(0.8),
});

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
// One header rule for targets and scorers (a `__proto__` header is a field error, not dropped).
const headersSchema = httpHeadersSchema.default({});
const dotPath = z
  .string()
  .trim()
  .max(500)
  .regex(/^$|^[^.\s]+(\.[^.\s]+)*$/, "must be a dot path such as data.output or choices.0.text")
  .default("");

export const DEFAULT_RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];

/** Sends the item as JSON to a URL and takes the output from the response. */
export const httpTargetConfig = z.object({
  kind: z.literal("http"),
  url: httpUrl,
  method: z.enum(["POST", "PUT", "PATCH"]).default("POST"),
  /** Secret: header values are encrypted at rest and masked in every response. */
  headers: headersSchema,
  /**
   * The request body as a JSON template: `{{input}}`, `{{input.question}}`,
   * `{{metadata.lang}}` are replaced by the item's values as JSON. Empty: the
   * body is `{ "input": …, "metadata": … }`.
   */
  bodyTemplate: z.string().max(20_000).default(""),
  /** Where the output is in a JSON response, as a dot path. Empty: the whole body. */
  outputPath: dotPath,
  /** Overrides the run's per-attempt timeout for this target. */
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
  /** Response statuses that are retried with backoff. */
  retryableStatuses: z.array(z.number().int().min(100).max(599)).max(50).default(DEFAULT_RETRYABLE_STATUSES),
});

/** Any OpenAI-compatible chat-completions endpoint: OpenAI, Ollama, vLLM, LM Studio, a gateway. */
export const openAiChatTargetConfig = z.object({
  kind: z.literal("openai-chat"),
  /** e.g. https://api.openai.com/v1 or http://localhost:11434/v1 */
  baseUrl: httpUrl,
  /** Secret. Empty for local servers that need none. */
  apiKey: z.string().max(500).default(""),
  model: z.string().trim().min(1, "is required").max(200),
  systemPrompt: z.string().max(50_000).default(""),
  /** The user message: `{{input}}`, `{{input.question}}`, `{{metadata.x}}`, `{{expectedOutput}}`. */
  userTemplate: z.string().min(1, "is required").max(50_000).default("{{input}}"),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  /** Ask for a JSON object reply; the output is then the parsed JSON. */
  jsonMode: z.boolean().default(false),
  headers: headersSchema,
  /** USD per 1,000 tokens, to estimate cost. */
  pricing: z
    .object({
      promptPer1k: z.number().min(0).max(1000).default(0),
      completionPer1k: z.number().min(0).max(1000).default(0),
    })
    .default({ promptPer1k: 0, completionPer1k: 0 }),
});

export const targetConfigSchema = z.discriminatedUnion("kind", [echoTargetConfig, demoTargetConfig, httpTargetConfig, openAiChatTargetConfig]);

export type TargetConfig = z.infer<typeof targetConfigSchema>;
export type TargetConfigInput = z.input<typeof targetConfigSchema>;
export type TargetKind = TargetConfig["kind"];

export const TARGET_KINDS: Record<TargetKind, { label: string; description: string }> = {
  echo: { label: "Echo", description: "Returns each item's input unchanged. Instant." },
  demo: { label: "Demo model", description: "Simulated model with latency, failures and imperfect answers." },
  http: { label: "HTTP endpoint", description: "Sends each item as JSON to your service and reads the output from the reply." },
  "openai-chat": { label: "OpenAI-compatible model", description: "Chat completions on OpenAI, Ollama, vLLM, LM Studio or a gateway." },
};

/** Where a config keeps secrets: paths to string values. */
export function targetSecretPaths(config: TargetConfigInput): string[][] {
  const headerPaths = (headers: Record<string, string> | undefined) => Object.keys(headers ?? {}).map((name) => ["headers", name]);
  switch (config.kind) {
    case "http":
      return headerPaths(config.headers);
    case "openai-chat":
      return [...(config.apiKey ? [["apiKey"]] : []), ...headerPaths(config.headers)];
    default:
      return [];
  }
}

/** A copy of `config` with every secret value passed through `fn`. */
export function mapTargetSecrets<T extends TargetConfigInput>(config: T, fn: (value: string) => string): T {
  const copy = structuredClone(config) as Record<string, unknown>;
  for (const path of targetSecretPaths(config)) {
    const found = readSegments(copy, path);
    // writePath defines own properties, so a header named `__proto__` is masked too.
    if (typeof found === "string") writePath(copy, path, fn(found));
  }
  return copy as T;
}

function readSegments(root: unknown, path: string[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The URL field of a target kind that has one, where credentials may sit. */
export function targetUrlField(config: { kind: string }): "url" | "baseUrl" | null {
  return config.kind === "http" ? "url" : config.kind === "openai-chat" ? "baseUrl" : null;
}

/** Whether any secret of a target or scorer config still holds the mask (a value the sender never saw). */
export function hasMaskedSecret<T>(config: T, mapSecrets: (config: T, fn: (value: string) => string) => unknown): boolean {
  if (config !== null && typeof config === "object" && typeof (config as { kind?: unknown }).kind === "string") {
    const field = targetUrlField(config as unknown as { kind: string });
    const url = field ? (config as Record<string, unknown>)[field] : undefined;
    if (typeof url === "string" && urlHasMaskedCredential(url, SECRET_MASK)) return true;
  }
  let masked = false;
  mapSecrets(config, (value) => {
    if (value === SECRET_MASK) masked = true;
    return value;
  });
  return masked;
}

/** The config as it may be shown to a browser or a client. */
export function maskTargetConfig<T extends TargetConfigInput>(config: T): T {
  const masked = mapTargetSecrets(config, () => SECRET_MASK) as Record<string, unknown>;
  const field = targetUrlField(config);
  const url = field ? masked[field] : undefined;
  if (field && typeof url === "string") masked[field] = maskUrlCredentials(url, SECRET_MASK);
  return masked as T;
}

// ---- saved targets ----

const targetName = z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters");

export const createTargetInput = z.object({
  name: targetName,
  description: z.string().trim().max(2000).default(""),
  config: targetConfigSchema,
});

export const updateTargetInput = z.object({
  id: idSchema,
  name: targetName.optional(),
  description: z.string().trim().max(2000).optional(),
  /** Secret values equal to the mask keep what is stored. */
  config: targetConfigSchema.optional(),
});

export const targetIdInput = z.object({ id: idSchema });

export const tryTargetInput = z
  .object({
    /** A saved target; with `config` too, `config` is tried with the saved secrets. */
    targetId: idSchema.optional(),
    config: targetConfigSchema.optional(),
    /** Try on this dataset item (its current version)… */
    datasetItemId: idSchema.optional(),
    /** …or on this sample. */
    input: jsonValueSchema.optional(),
    expectedOutput: jsonValueSchema.nullish(),
    metadata: jsonValueSchema.nullish(),
    timeoutMs: z.number().int().min(100).max(120_000).default(30_000),
  })
  .refine((v) => v.targetId !== undefined || v.config !== undefined, { message: "Give a targetId or a config", path: ["targetId"] })
  .refine((v) => v.datasetItemId !== undefined || v.input !== undefined, { message: "Give a datasetItemId or an input", path: ["input"] });

export const targetOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.string(),
  /** Secrets masked. */
  config: targetConfigSchema,
  runCount: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TargetDto = z.infer<typeof targetOutput>;

export const tryTargetOutput = z.object({
  ok: z.boolean(),
  output: jsonValueSchema.nullable(),
  error: z.string().nullable(),
  latencyMs: z.number(),
  usage: z.object({ promptTokens: z.number().nullable(), completionTokens: z.number().nullable() }).nullable(),
  costUsd: z.number().nullable(),
  /** What was sent: the input used (from the item or the sample). */
  input: jsonValueSchema,
});
