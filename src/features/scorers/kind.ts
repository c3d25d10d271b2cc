import { z } from "zod";
import type { FormSpec } from "@/components/kind-form/fields";
import type { chatCompletion } from "@/features/targets/server";
import type { httpCall } from "@/lib/http-call";
import type { Scorer } from "./types";

/**
 * What every scorer kind declares, and the config envelope they share.
 *
 * A kind is one module, kinds/<type>.ts, listed in kinds/index.ts; to add a
 * kind, write the module and add its line. The module holds the schema,
 * label, defaults and secrets, the form as data (fields the card renders) and
 * the implementation. The browser loads it (it validates a run's scorers
 * before sending them, and renders the form), so it stays free of Node: what
 * needs Node (outbound HTTP through undici) reaches the implementation as
 * `io`, which only the server's registry.ts fills in.
 */

export const scorerNameSchema = z
  .string()
  .trim()
  .min(1, "Scorer name is required")
  .max(60, "Scorer name must be at most 60 characters")
  .regex(/^[\w .:-]+$/, "Scorer name may use letters, digits, spaces and _ . : -");

const threshold = (fallback: number) => z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").default(fallback);

/**
 * A conditional scorer: it runs only when every scorer named here (listed
 * earlier in the run) passed on this output; otherwise its score is recorded
 * as skipped. Lets an expensive judge run only where the cheap checks pass.
 */
const gateSchema = z.object({
  requires: z.array(scorerNameSchema).min(1, "name at least one earlier scorer").max(20, "at most 20 scorers"),
});

/** Every scorer config has the same envelope; only `type` and `params` vary. */
function scorerConfig<T extends string, P extends z.ZodType>(type: T, defaultThreshold: number, params: P) {
  return z.object({
    type: z.literal(type),
    name: scorerNameSchema.default(type),
    threshold: threshold(defaultThreshold),
    gate: gateSchema.optional(),
    params,
  });
}

// Param rules more than one kind uses.
export const httpUrlSchema = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
export const timeoutMsSchema = (fallback: number) =>
  z.number().int().min(100, "must be at least 100 ms").max(600_000, "must be at most 600000 ms (10 minutes)").default(fallback);

/** The headings of the Add scorer picker, in order; each kind names one. */
export const SCORER_GROUP_LABELS = ["Text", "JSON", "Numbers & timing", "Model & custom code"] as const;
export type ScorerGroup = (typeof SCORER_GROUP_LABELS)[number];

/** A path into a config naming a secret; `*` stands for every key of a map. */
export type SecretPattern = readonly string[];

export interface ScorerKindSpec<T extends string, P extends z.ZodType> {
  type: T;
  label: string;
  /** One sentence: what the score means. */
  description: string;
  defaultThreshold: number;
  group: ScorerGroup;
  /** The schema of `params`; stored runs are re-read through it, so it only ever gains optional fields. */
  params: P;
  /** It calls a service (costs money or time): the picker says so, and suggests gating it. */
  callsOut?: boolean;
  /** Where the config keeps secrets: masked when shown, encrypted at rest. */
  secretFields?: readonly SecretPattern[];
  /** The field of `params` holding a URL that may carry credentials (`https://user:pass@…`, `?api_key=…`). */
  urlField?: string;
  /** The fields of the Add scorer card, as data (rendered by components/scorer-card.tsx); keys are paths into `params`. */
  form: FormSpec;
  /** Builds the scorer for one run from a validated config; compile patterns and schemas here, once. */
  create: (config: ScorerConfigOf<P>, io: ScorerIo) => Scorer;
}

/** What an implementation reads of its validated config. */
export interface ScorerConfigOf<P extends z.ZodType> {
  name: string;
  params: z.output<P>;
}

/**
 * The calls that need Node (undici), handed to an implementation by the
 * server (registry.ts) rather than imported, so that the kind's module stays
 * loadable in the browser.
 */
export interface ScorerIo {
  httpCall: typeof httpCall;
  chatCompletion: typeof chatCompletion;
}

/** A scorer kind: its declaration plus the full config schema (envelope and params). */
export function defineScorerKind<T extends string, P extends z.ZodType>(spec: ScorerKindSpec<T, P>) {
  return { ...spec, config: scorerConfig(spec.type, spec.defaultThreshold, spec.params) };
}

export type ScorerKind = ReturnType<typeof defineScorerKind<string, z.ZodType>>;
