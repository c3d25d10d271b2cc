import { z } from "zod";
import { asText } from "@/lib/json";
import { sleep } from "@/lib/sleep";
import { defineTargetKind } from "../kind";
import { TargetError, type Target } from "../types";

/** A built-in target for demos and tests: waits, sometimes fails, sometimes answers wrong. */
export const demoTargetConfig = z.object({
  kind: z.literal("demo"),
  latencyMs: z.number().int().min(0).max(60_000).default(300),
  jitterMs: z.number().int().min(0).max(60_000).default(200),
  failureRate: z.number().min(0).max(1).default(0),
  /** Probability of answering with the expected output (else a near miss). */
  accuracy: z.number().min(0).max(1).default(0.8),
});

type DemoConfig = z.infer<typeof demoTargetConfig>;

/** Turns a right answer into a near miss, so string similarity scores vary. */
function nearMiss(text: string): string {
  if (text.length === 0) return "(no answer)";
  const cut = Math.max(1, Math.floor(text.length * 0.7));
  return `${text.slice(0, cut)}…`;
}

function createDemoTarget(config: DemoConfig): Target {
  return {
    async call(request, signal) {
      const jitter = config.jitterMs > 0 ? Math.random() * config.jitterMs : 0;
      await sleep(config.latencyMs + jitter, signal);
      if (Math.random() < config.failureRate) {
        throw new TargetError("other", "Demo model failed on purpose (failure rate setting).");
      }
      const answer = request.expectedOutput ?? request.input;
      if (Math.random() < config.accuracy) return { output: answer };
      return { output: nearMiss(asText(answer)) };
    },
  };
}

export const demoTarget = defineTargetKind({
  kind: "demo",
  label: "Demo model",
  description: "Simulated model with latency, failures and imperfect answers.",
  badge: { label: "Demo", tone: "amber" },
  config: demoTargetConfig,
  summary: (config) => `Simulated · ~${config.latencyMs} ms · ${Math.round(config.accuracy * 100)}% accurate`,
  form: [
    {
      grid: "grid-cols-2 md:grid-cols-4",
      row: [
        { control: "number", key: "latencyMs", label: "Latency (ms)", initial: "300" },
        { control: "number", key: "jitterMs", label: "Jitter (ms)", initial: "200" },
        { control: "number", key: "failureRate", label: "Failure rate", hint: "0 to 1", initial: "0" },
        { control: "number", key: "accuracy", label: "Accuracy", hint: "0 to 1", initial: "0.8" },
      ],
    },
  ],
  create: createDemoTarget,
});
