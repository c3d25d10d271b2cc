import type { z } from "zod";
import type { FormSpec } from "@/components/kind-form/fields";
import type { Tone } from "@/components/ui/badge";
import type { httpCall } from "@/lib/http-call";
import type { chatCompletion } from "./openai-client";
import type { Target } from "./types";

/**
 * What every target kind declares. As with scorers (scorers/kind.ts), a kind
 * is one module, kinds/<kind>.ts, listed in kinds/index.ts; to add a kind,
 * write the module and add its line. It holds the schema, label, secrets and
 * summary, the form as data and the implementation; the browser loads it, so
 * what needs Node (outbound HTTP through undici) reaches the implementation as
 * `io`, which only the server's registry.ts fills in.
 */
export interface TargetKindSpec<K extends string, C extends z.ZodObject<{ kind: z.ZodLiteral<K> }>> {
  kind: K;
  label: string;
  /** One sentence: what the target does with each item. */
  description: string;
  /** How lists show the kind: a short name and a colour. */
  badge: { label: string; tone: Tone };
  /** The stored config; runs are re-read through it, so it only ever gains optional fields. */
  config: C;
  /** Where a config keeps secrets, as paths to string values: masked when shown, encrypted at rest. */
  secretPaths?: (config: z.input<C>) => string[][];
  /** The field holding a URL that may carry credentials (`https://user:pass@…`, `?api_key=…`). */
  urlField?: string;
  /** A one-line summary of where the target sends items, for lists and pickers. */
  summary: (config: z.infer<C>) => string;
  /** The kind's fields in the target form, as data (rendered by components/kind-fields.tsx); keys are paths into the config. */
  form: FormSpec;
  /** Builds the target for a validated config whose secrets are opened. */
  create: (config: z.infer<C>, io: TargetIo) => Target;
}

/**
 * The calls that need Node (undici), handed to an implementation by the
 * server (registry.ts) rather than imported, so that the kind's module stays
 * loadable in the browser.
 */
export interface TargetIo {
  httpCall: typeof httpCall;
  chatCompletion: typeof chatCompletion;
}

export function defineTargetKind<K extends string, C extends z.ZodObject<{ kind: z.ZodLiteral<K> }>>(spec: TargetKindSpec<K, C>) {
  return spec;
}

/** The secret paths of a headers map: every value. */
export function headerSecretPaths(headers: Record<string, string> | undefined): string[][] {
  return Object.keys(headers ?? {}).map((name) => ["headers", name]);
}
