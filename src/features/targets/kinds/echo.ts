import { z } from "zod";
import { defineTargetKind } from "../kind";

/** The built-in target that returns the item's input unchanged. */
export const echoTargetConfig = z.object({
  kind: z.literal("echo"),
});

export const echoTarget = defineTargetKind({
  kind: "echo",
  label: "Echo",
  description: "Returns each item's input unchanged. Instant.",
  badge: { label: "Echo", tone: "neutral" },
  config: echoTargetConfig,
  summary: () => "Returns the input",
});
