import { z } from "zod";
import { httpHeadersSchema } from "@/lib/http-headers";
import { defineTargetKind, headerSecretPaths } from "../kind";
import { dotPathSchema, httpUrlSchema } from "./shared";

export const DEFAULT_RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];

/** Sends the item as JSON to a URL and takes the output from the response. */
export const httpTargetConfig = z.object({
  kind: z.literal("http"),
  url: httpUrlSchema,
  method: z.enum(["POST", "PUT", "PATCH"]).default("POST"),
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

export const httpTarget = defineTargetKind({
  kind: "http",
  label: "HTTP endpoint",
  description: "Sends each item as JSON to your service and reads the output from the reply.",
  badge: { label: "HTTP", tone: "blue" },
  config: httpTargetConfig,
  secretPaths: (config) => headerSecretPaths(config.headers),
  urlField: "url",
  summary: (config) => `${config.method} ${config.url}`,
});
