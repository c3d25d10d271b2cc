import { z } from "zod";
import { idSchema } from "@/features/datasets";
import { jsonValueSchema } from "@/lib/json";
import { writePath } from "@/lib/json-path";
import { TARGET_KIND_LIST, type TargetKind } from "./kinds";
import { maskUrlCredentials, urlHasMaskedCredential } from "./url-credentials";

// Each kind declares its schema, label, secrets and summary in its own module
// (kinds/<kind>.ts); this file assembles them into the shapes the API, the run
// engine and the forms share.

/** Shown instead of a secret value; sending it back on update keeps the stored value. */
export const SECRET_MASK = "••••••";

// Re-exported for existing imports; each is defined by its kind.
export { echoTargetConfig } from "./kinds/echo";
export { demoTargetConfig } from "./kinds/demo";
export { DEFAULT_RETRYABLE_STATUSES, HTTP_METHODS, httpTargetConfig } from "./kinds/http";
export { costOf, OPENAI_BASE_URL_PRESETS, openAiChatTargetConfig } from "./kinds/openai-chat";

type KindConfigs<Kinds extends readonly { config: unknown }[]> = { readonly [I in keyof Kinds]: Kinds[I]["config"] };

export const targetConfigSchema = z.discriminatedUnion("kind", TARGET_KIND_LIST.map((kind) => kind.config) as unknown as KindConfigs<typeof TARGET_KIND_LIST>);

export type TargetConfig = z.infer<typeof targetConfigSchema>;
export type TargetConfigInput = z.input<typeof targetConfigSchema>;
export type { TargetKind };

/** A kind's declaration with its config's types widened, for code that handles any kind. */
interface AnyTargetKind {
  kind: string;
  label: string;
  description: string;
  badge: (typeof TARGET_KIND_LIST)[number]["badge"];
  secretPaths?: (config: TargetConfigInput) => string[][];
  urlField?: string;
  summary: (config: TargetConfig) => string;
}

// A Map, not an object: a `kind` read from a request is never looked up on Object.prototype.
const KIND_BY_NAME: ReadonlyMap<string, AnyTargetKind> = new Map(TARGET_KIND_LIST.map((kind) => [kind.kind, kind as unknown as AnyTargetKind]));

/** The declaration of a kind; undefined for a kind this version does not know. */
export function targetKind(kind: string): AnyTargetKind | undefined {
  return KIND_BY_NAME.get(kind);
}

export const TARGET_KINDS = Object.fromEntries(TARGET_KIND_LIST.map(({ kind, label, description }) => [kind, { label, description }])) as Record<
  TargetKind,
  { label: string; description: string }
>;

/** Where a config keeps secrets: paths to string values. */
export function targetSecretPaths(config: TargetConfigInput): string[][] {
  return KIND_BY_NAME.get(config.kind)?.secretPaths?.(config) ?? [];
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
export function targetUrlField(config: { kind: string }): string | null {
  return KIND_BY_NAME.get(config.kind)?.urlField ?? null;
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
