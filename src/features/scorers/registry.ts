import { chatCompletion } from "@/features/targets/server";
import { httpCall } from "@/lib/http-call";
import { kindLookup } from "@/lib/kind-lookup";
import type { ScorerIo } from "./kind";
import { SCORER_KINDS } from "./kinds";
import type { ScorerConfig } from "./schemas";
import type { Scorer } from "./types";

/**
 * The server's side of the kinds: the one place that hands them the calls
 * needing Node (undici), so the kinds themselves stay loadable in the browser.
 */
const serverIo: ScorerIo = { httpCall, chatCompletion };

const kindOf = kindLookup(SCORER_KINDS, (kind) => kind.type, "scorer type");

/** Builds a scorer from a validated config; compiles patterns and schemas once per run. */
export function createScorer(config: ScorerConfig): Scorer {
  // The config was validated by this kind's own schema (the union is keyed by type).
  return (kindOf(config.type).create as (config: ScorerConfig, io: ScorerIo) => Scorer)(config, serverIo);
}
