import { z } from "zod";
import { SECRET_MASK, maskUrlCredentials, urlHasMaskedCredential } from "@/features/targets";
import { readPath, writePath } from "@/lib/json-path";
import type { SecretPattern } from "./kind";
import { SCORER_KINDS, type ScorerType } from "./kinds";

// Each kind declares its schema, label and secrets in its own module
// (kinds/<type>.ts); this file only assembles them into the shapes the API,
// the run engine and the forms share.

type KindConfigs<Kinds extends readonly { config: unknown }[]> = { readonly [I in keyof Kinds]: Kinds[I]["config"] };

/** One config per scorer: `{ type, name, threshold, gate?, params }`, `params` as its kind defines. */
export const scorerConfigSchema = z.discriminatedUnion("type", SCORER_KINDS.map((kind) => kind.config) as unknown as KindConfigs<typeof SCORER_KINDS>);

export type ScorerConfig = z.infer<typeof scorerConfigSchema>;
export type ScorerConfigInput = z.input<typeof scorerConfigSchema>;
export type { ScorerType };

export const scorerListSchema = z
  .array(scorerConfigSchema)
  .max(20, "At most 20 scorers per run")
  .superRefine((scorers, ctx) => {
    const seen = new Set<string>();
    scorers.forEach((scorer, index) => {
      scorer.gate?.requires.forEach((required, position) => {
        if (seen.has(required)) return;
        const message =
          required === scorer.name
            ? "a scorer cannot require itself"
            : scorers.some((other, otherIndex) => otherIndex > index && other.name === required)
              ? `"${required}" comes after this one; a gate can only require scorers listed before it`
              : `no scorer named "${required}" before this one`;
        ctx.addIssue({ code: "custom", path: [index, "gate", "requires", position], message });
      });
      // Runs show a URL's credentials masked; one sent back that way would call with the mask.
      const field = scorerUrlField(scorer);
      const url = field ? readPath(scorer.params, field) : { found: false as const };
      if (field && url.found && typeof url.value === "string" && urlHasMaskedCredential(url.value, SECRET_MASK)) {
        ctx.addIssue({ code: "custom", path: [index, "params", field], message: "a credential in the URL is masked; enter it again" });
      }
      if (seen.has(scorer.name)) {
        ctx.addIssue({ code: "custom", path: [index, "name"], message: `Scorer name "${scorer.name}" is used twice; names must be unique within a run` });
      }
      seen.add(scorer.name);
    });
  });

// Re-exported for existing imports; each is defined by its kind.
export { SCORER_TYPES } from "./scorer-types";
export { DEFAULT_JUDGE_RUBRIC, JUDGE_SCALES, type JudgeScale } from "./kinds/llm-judge";

// ---- secrets ----

const KIND_BY_TYPE: ReadonlyMap<string, (typeof SCORER_KINDS)[number]> = new Map(SCORER_KINDS.map((kind) => [kind.type, kind]));

/**
 * Where each scorer type keeps secrets, as paths into its config; `*` stands
 * for every key of a map. Masked when shown, and the fields to encrypt at rest.
 */
export const SCORER_SECRET_FIELDS: Partial<Record<ScorerType, readonly SecretPattern[]>> = Object.fromEntries(
  SCORER_KINDS.flatMap((kind) => (kind.secretFields ? [[kind.type, kind.secretFields]] : [])),
);

/** Concrete paths of the secret values present in `config` (empty strings are not secrets). */
export function scorerSecretPaths(config: { type: string }): string[][] {
  const patterns = KIND_BY_TYPE.get(config.type)?.secretFields ?? [];
  const paths: string[][] = [];
  const walk = (node: unknown, pattern: readonly string[], prefix: string[]) => {
    if (pattern.length === 0) {
      if (typeof node === "string" && node !== "") paths.push(prefix);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const [head, ...rest] = pattern;
    // Own keys only: a header named `constructor` is a header, never Object's constructor.
    const keys = head === "*" ? Object.keys(node) : Object.hasOwn(node, head!) ? [head!] : [];
    for (const key of keys) walk((node as Record<string, unknown>)[key], rest, [...prefix, key]);
  };
  for (const pattern of patterns) walk(config, pattern, []);
  return paths;
}

/**
 * A copy of `config` with every secret value passed through `fn` (to mask,
 * encrypt or decrypt). Read and written with the path walkers of
 * src/lib/json-path.ts: own properties only, so any key is data.
 */
export function mapScorerSecrets<T extends { type: string }>(config: T, fn: (value: string, path: string[]) => string): T {
  const copy = structuredClone(config) as Record<string, unknown>;
  for (const path of scorerSecretPaths(config)) {
    const found = readPath(copy, path);
    if (found.found && typeof found.value === "string") writePath(copy, path, fn(found.value, path));
  }
  return copy as T;
}

/** The field of `params` holding a URL that may carry credentials (`https://user:pass@…`, `?api_key=…`). */
function scorerUrlField(config: { type: string }): string | null {
  return KIND_BY_TYPE.get(config.type)?.urlField ?? null;
}

/**
 * The config as it may be shown to a browser or a client: secret values
 * replaced by the mask, and so are credentials inside its URL (as targets
 * show theirs, src/features/targets/url-credentials.ts).
 */
export function maskScorerConfig(config: ScorerConfig): ScorerConfig {
  const masked = mapScorerSecrets(config, () => SECRET_MASK);
  const field = scorerUrlField(masked);
  const url = field ? readPath(masked, ["params", field]) : { found: false as const };
  if (field && url.found && typeof url.value === "string")
    writePath(masked as unknown as Record<string, unknown>, ["params", field], maskUrlCredentials(url.value, SECRET_MASK));
  return masked;
}

export { SECRET_MASK as SCORER_SECRET_MASK };
