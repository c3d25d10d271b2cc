import { chatCompletion } from "@/features/targets/server";
import { httpCall } from "@/lib/http-call";
import type { ScorerIo } from "./kind";
import { SCORER_KINDS } from "./kinds";
import type { ScorerConfig } from "./schemas";
import type { Scorer } from "./types";

/**
 * The server's side of the kinds: the one place that hands them the calls
 * needing Node (undici), so the kinds themselves stay loadable in the browser.
 */
const serverIo: ScorerIo = { httpCall, chatCompletion };

const KIND_BY_TYPE = new Map(SCORER_KINDS.map((kind) => [kind.type, kind]));

/** Builds a scorer from a validated config; compiles patterns and schemas once per run. */
export function createScorer(config: ScorerConfig): Scorer {
  const kind = KIND_BY_TYPE.get(config.type);
  if (!kind) throw new Error(`Unknown scorer type "${config.type}"`);
  // The config was validated by this kind's own schema (the union is keyed by type).
  return (kind.create as (config: ScorerConfig, io: ScorerIo) => Scorer)(config, serverIo);
}
