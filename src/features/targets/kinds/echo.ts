import { z } from "zod";
import { defineTargetKind } from "../kind";
import type { Target } from "../types";

/** The built-in target that returns the item's input unchanged. */
export const echoTargetConfig = z.object({
  kind: z.literal("echo"),
});

function createEchoTarget(): Target {
  return {
    call: (request) => Promise.resolve({ output: request.input }),
  };
}

export const echoTarget = defineTargetKind({
  kind: "echo",
  label: "Echo",
  description: "Returns each item's input unchanged. Instant.",
  badge: { label: "Echo", tone: "neutral" },
  config: echoTargetConfig,
  summary: () => "Returns the input",
  form: [{ note: "Nothing to configure: each item's input comes back as its output. Useful to check scorers and the pipeline." }],
  create: createEchoTarget,
});
