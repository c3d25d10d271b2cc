import { z } from "zod";
import { defineTargetKind } from "../kind";

/** A built-in target for demos and tests: waits, sometimes fails, sometimes answers wrong. */
export const demoTargetConfig = z.object({
  kind: z.literal("demo"),
  latencyMs: z.number().int().min(0).max(60_000).default(300),
  jitterMs: z.number().int().min(0).max(60_000).default(200),
  failureRate: z.number().min(0).max(1).default(0),
  /** Probability of answering with the expected output (else a near miss). */
  accuracy: z.number().min(0).max(1).default(0.8),
});

export const demoTarget = defineTargetKind({
  kind: "demo",
  label: "Demo model",
  description: "Simulated model with latency, failures and imperfect answers.",
  badge: { label: "Demo", tone: "amber" },
  config: demoTargetConfig,
  summary: (config) => `Simulated · ~${config.latencyMs} ms · ${Math.round(config.accuracy * 100)}% accurate`,
});
