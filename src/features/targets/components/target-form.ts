import { draftFromValues, formErrorPaths, newDraft, pathShown, valuesFromDraft, type DraftReader, type KindDraft } from "@/components/kind-form/fields";
import type { FieldErrors } from "@/lib/trpc/errors";
import { TARGET_KIND_LIST } from "../kinds";
import { targetKind, type TargetConfig, type TargetConfigInput, type TargetKind } from "../schemas";
import { headerRows, headersFromRows, numberReader } from "./draft-inputs";

// Moved beside the kinds and inputs they belong to; re-exported for existing imports.
export { headersFromRows, nextDraftId, numberReader, type HeaderRow } from "./draft-inputs";

const FORM_BY_KIND = new Map(TARGET_KIND_LIST.map((kind) => [kind.kind as TargetKind, kind.form]));
const formOf = (kind: TargetKind) => FORM_BY_KIND.get(kind) ?? [];

/**
 * The target form's editable state: text as typed, one slot per kind so that
 * switching kind and back keeps what was entered. Each slot is its kind's
 * form draft (the `form` of kinds/<kind>.ts). Turned into a config on submit
 * and validated with the same zod schema as the server.
 */
export interface TargetDraft {
  kind: TargetKind;
  slots: Record<TargetKind, KindDraft>;
}

export function defaultTargetDraft(kind: TargetKind = "openai-chat"): TargetDraft {
  const slots = Object.fromEntries(TARGET_KIND_LIST.map((spec) => [spec.kind, newDraft(spec.form)])) as TargetDraft["slots"];
  return { kind, slots };
}

/** The draft for a saved target's (masked) config. */
export function draftFromConfig(config: TargetConfig): TargetDraft {
  const draft = defaultTargetDraft(config.kind);
  return { ...draft, slots: { ...draft.slots, [config.kind]: draftFromValues(formOf(config.kind), config, headerRows) } };
}

/**
 * The config the draft describes (not yet validated: the caller runs the
 * shared schema). Problems only the form can see (a number box holding
 * text, a duplicate header) are added to `errors` under `prefix`.
 */
export function configFromDraft(draft: TargetDraft, errors: FieldErrors, prefix: string): TargetConfigInput {
  const read: DraftReader = {
    number: numberReader(errors, prefix),
    headers: (path, rows) => headersFromRows(rows, errors, `${prefix}${path}`),
    error: (path, message) => {
      errors[`${prefix}${path}`] = message;
    },
  };
  // The values match the kind: its own form made them.
  return { ...valuesFromDraft(formOf(draft.kind), draft.slots[draft.kind], read), kind: draft.kind } as TargetConfigInput;
}

/** zod issues to form errors, keeping the first message per path (and any the form found itself). */
export function addIssues(errors: FieldErrors, issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    errors[path] ??= issue.message;
  }
}

/** A one-line summary of where a target sends items, for lists and pickers. */
export function targetSummary(config: TargetConfig): string {
  return targetKind(config.kind)?.summary(config) ?? config.kind;
}

const SHOWN_PATHS = TARGET_KIND_LIST.flatMap((kind) => formErrorPaths(kind.form));

/** Whether a kind's fields show the error at `path` (keyed from the config); the run dialog lists the others apart. */
export function targetFieldShows(path: string): boolean {
  return pathShown(SHOWN_PATHS, path);
}
