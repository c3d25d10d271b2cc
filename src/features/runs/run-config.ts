import { mapScorerSecrets, maskScorerConfig, scorerConfigSchema, scorerListSchema, type ScorerConfig } from "@/features/scorers";
import { hasMaskedSecret, mapTargetSecrets, maskTargetConfig, targetConfigSchema, type TargetConfig } from "@/features/targets";
import { openTargetSecrets, sealTargetSecrets } from "@/features/targets/server";
import { badRequest } from "@/server/errors";
import { openSecret, sealSecret } from "@/server/secrets";
import type { Prisma } from "@/generated/prisma/client";
import { runSettingsSchema, type RunSettings } from "./schemas";

/**
 * A run's configuration — target, scorers, settings — kept as JSON on its row.
 * Its secrets are sealed when the run is created, stay sealed in the database,
 * are opened only right before the engine calls out, and are masked in every
 * answer. Every reader of a stored run's config goes through this module.
 * Server only (it holds the secret key's seal and open).
 */
export interface RunConfig {
  target: TargetConfig;
  scorers: ScorerConfig[];
  settings: RunSettings;
}

/** The run row's JSON columns, as Prisma returns them. */
export interface StoredRunConfig {
  target: unknown;
  scorers: unknown;
  settings: unknown;
}

/** A stored config that today's schemas do not accept; its message says which part and why. */
export class RunConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunConfigError";
  }
}

function parsePart<T>(result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }, what: string): T {
  if (result.success) return result.data;
  throw new RunConfigError(`${what}: ${result.error.issues[0]?.message ?? "unknown"}`);
}

/**
 * `execute`: the scorer list must also pass the list rules (gates name
 * earlier scorers, names are unique) that scoring relies on. `show`: each
 * scorer only needs to be a valid config, so a run stored before a list rule
 * was added can still be shown.
 */
export type RunConfigUse = "execute" | "show";

export function parseRunSettings(stored: unknown): RunSettings {
  return parsePart(runSettingsSchema.safeParse(stored), "The run's settings are invalid");
}

export function parseRunScorers(stored: unknown, use: RunConfigUse = "show"): ScorerConfig[] {
  const schema = use === "execute" ? scorerListSchema : scorerConfigSchema.array();
  return parsePart(schema.safeParse(stored), "The run's scorer configuration is invalid");
}

/** A stored run's config, validated; throws RunConfigError naming the part that is invalid. Secrets stay sealed. */
export function parseRunConfig(stored: StoredRunConfig, use: RunConfigUse = "show"): RunConfig {
  return {
    target: parsePart(targetConfigSchema.safeParse(stored.target), "The run's target configuration is invalid"),
    scorers: parseRunScorers(stored.scorers, use),
    settings: parseRunSettings(stored.settings),
  };
}

/**
 * Refuses a new run's config that still holds a masked secret (`••••••`, as
 * answers show it): sealing would store the mask as the secret. `target` is
 * the config given inline; a saved target's stored config is never masked, so
 * a run of one passes none.
 */
export function refuseMaskedSecrets(config: { target: TargetConfig | null; scorers: ScorerConfig[] }): void {
  if (config.target && hasMaskedSecret(config.target, mapTargetSecrets)) {
    throw badRequest("target: a secret is masked; enter its value, or run the saved target with targetId.", "target");
  }
  if (config.scorers.some((scorer) => hasMaskedSecret(scorer, mapScorerSecrets))) throw badRequest("scorers: a secret is masked; enter its value.", "scorers");
}

/**
 * Seals the secrets of a new run's target and scorers for storage. A saved
 * target's config is sealed already; sealing leaves sealed values as they are.
 */
export function sealRunConfig<C extends { target: TargetConfig; scorers: ScorerConfig[] }>(config: C): C {
  return { ...config, target: sealTargetSecrets(config.target), scorers: config.scorers.map((scorer) => mapScorerSecrets(scorer, sealSecret)) };
}

/** A new run's config as its row stores it: secrets sealed, each part one JSON column. The inverse of parseRunConfig. */
export function storedRunConfig(config: { target: TargetConfig; scorers: ScorerConfig[]; settings: RunSettings }): {
  target: Prisma.InputJsonValue;
  scorers: Prisma.InputJsonValue;
  settings: Prisma.InputJsonValue;
} {
  const sealed = sealRunConfig(config);
  return {
    target: sealed.target as Prisma.InputJsonValue,
    scorers: sealed.scorers as unknown as Prisma.InputJsonValue,
    settings: sealed.settings as Prisma.InputJsonValue,
  };
}

/** Opens the sealed secrets, for the engine only, right before the target and scorers are called. */
export function openRunConfig(config: RunConfig): RunConfig {
  return { ...config, target: openTargetSecrets(config.target), scorers: config.scorers.map((scorer) => mapScorerSecrets(scorer, openSecret)) };
}

/** The config as an answer may show it: secrets and URL credentials masked. */
export function maskRunConfig(config: RunConfig): RunConfig {
  return { ...config, target: maskTargetConfig(config.target), scorers: config.scorers.map(maskScorerConfig) };
}

/** The run's scorer names, in order, for columns and charts; none when the stored list is not valid. */
export function runScorerNames(storedScorers: unknown): string[] {
  return (
    scorerConfigSchema
      .array()
      .safeParse(storedScorers)
      .data?.map((scorer) => scorer.name) ?? []
  );
}

/** Each scorer's place in the run's list of scorers (the order the run page shows them in); empty when the stored list is not valid. */
export function runScorerOrder(storedScorers: unknown): Map<string, number> {
  return new Map(runScorerNames(storedScorers).map((name, index) => [name, index]));
}

/** The kind of the run's target, read without validating the rest (lists show it for every row). */
export function runTargetKind(storedTarget: unknown): string | null {
  const kind = (storedTarget as { kind?: unknown } | null)?.kind;
  return typeof kind === "string" ? kind : null;
}
