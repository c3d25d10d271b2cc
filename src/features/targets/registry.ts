import { createDemoTarget } from "./demo";
import { createEchoTarget } from "./echo";
import { createHttpTarget } from "./http";
import { createOpenAiChatTarget } from "./openai-chat";
import type { TargetConfig } from "./schemas";
import type { Target } from "./types";

/**
 * The implementation of each target kind, server side only (two of them call
 * out through undici). Keyed by the kinds of kinds/index.ts: a new kind fails
 * the type check until it is added here.
 */
const factories: { [K in TargetConfig["kind"]]: (config: Extract<TargetConfig, { kind: K }>) => Target } = {
  echo: () => createEchoTarget(),
  demo: (config) => createDemoTarget(config),
  http: (config) => createHttpTarget(config),
  "openai-chat": (config) => createOpenAiChatTarget(config),
};

/** Builds the target for a config whose secrets are already opened (see server/target-secrets.ts). */
export function createTarget(config: TargetConfig): Target {
  const factory = factories[config.kind] as (config: TargetConfig) => Target;
  return factory(config);
}
