import { z } from "zod";

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

/** POSTs the item as JSON to a URL and takes the output from the response. */
export const httpTargetConfig = z.object({
  kind: z.literal("http"),
  url: httpUrl,
  headers: z.record(z.string().min(1).max(200), z.string().max(8192)).default({}),
  /**
   * Where the output is in a JSON response, as a dot path (`output`,
   * `choices.0.message.content`). Empty: the whole response body.
   */
  outputPath: z
    .string()
    .trim()
    .max(500)
    .regex(/^$|^[^.\s]+(\.[^.\s]+)*$/, "must be a dot path such as data.output or choices.0.text")
    .default(""),
});

export const targetConfigSchema = z.discriminatedUnion("kind", [echoTargetConfig, demoTargetConfig, httpTargetConfig]);

export type TargetConfig = z.infer<typeof targetConfigSchema>;
export type TargetConfigInput = z.input<typeof targetConfigSchema>;
export type TargetKind = TargetConfig["kind"];

export const TARGET_KINDS: Record<TargetKind, { label: string; description: string }> = {
  echo: { label: "Echo", description: "Returns each item's input unchanged. Instant." },
  demo: { label: "Demo model", description: "Simulated model with latency, failures and imperfect answers." },
  http: { label: "HTTP endpoint", description: "POSTs { input, metadata } as JSON to your service." },
};

const MASK = "••••••";

/** The target config as it may be shown to a browser or client: header values masked. */
export function maskTargetConfig(config: TargetConfig): TargetConfig {
  if (config.kind !== "http") return config;
  const headers = Object.fromEntries(Object.keys(config.headers).map((name) => [name, MASK]));
  return { ...config, headers };
}
