import type { z } from "zod";
import type { FormSpec } from "@/components/kind-form/fields";
import type { Tone } from "@/components/ui/badge";
import type { httpCall } from "@/lib/http-call";
import type { chatCompletion } from "./openai-client";
import type { Target } from "./types";

/**
 * What every target kind declares. As with scorers (scorers/kind.ts), a kind
 * is split by where its code may run: `kinds/<kind>.ts` (this shape: schema,
 * label, secrets, summary) is read by the browser, which validates a config
 * before sending it, and by the server; the implementation (`<kind>.ts`,
 * registered in registry.ts) runs only on the server, where two of them call
 * out through undici; the form (`kinds/<kind>.form.tsx`, registered in
 * components/target-forms.ts) is React and stays out of the engine. Both
 * registries are keyed by kind, so a kind added to kinds/index.ts fails the
 * type check until each handles it.
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
