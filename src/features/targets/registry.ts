import { httpCall } from "@/lib/http-call";
import { kindLookup } from "@/lib/kind-lookup";
import type { TargetIo } from "./kind";
import { TARGET_KIND_LIST } from "./kinds";
import { chatCompletion } from "./openai-client";
import type { TargetConfig } from "./schemas";
import type { Target } from "./types";

/**
 * The server's side of the kinds: the one place that hands them the calls
 * needing Node (undici), so the kinds themselves stay loadable in the browser.
 */
const serverIo: TargetIo = { httpCall, chatCompletion };

const kindOf = kindLookup(TARGET_KIND_LIST, (kind) => kind.kind, "target kind");

/** Builds the target for a config whose secrets are already opened (see server/target-secrets.ts). */
export function createTarget(config: TargetConfig): Target {
  // The config was validated by this kind's own schema (the union is keyed by kind).
  return (kindOf(config.kind).create as (config: TargetConfig, io: TargetIo) => Target)(config, serverIo);
}
