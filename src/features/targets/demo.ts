import { asText } from "@/lib/json";
import { sleep } from "@/lib/sleep";
import type { z } from "zod";
import type { demoTargetConfig } from "./kinds/demo";
import { TargetError, type Target } from "./types";

type DemoConfig = z.infer<typeof demoTargetConfig>;

/** Turns a right answer into a near miss, so string similarity scores vary. */
function nearMiss(text: string): string {
  if (text.length === 0) return "(no answer)";
  const cut = Math.max(1, Math.floor(text.length * 0.7));
  return `${text.slice(0, cut)}…`;
}

export function createDemoTarget(config: DemoConfig): Target {
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
