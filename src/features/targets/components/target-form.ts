import type { FieldErrors } from "@/lib/trpc/errors";
import { targetKind, type TargetConfig, type TargetConfigInput, type TargetKind } from "../schemas";
import { numberReader, headersFromRows } from "./draft-inputs";
import type { ConfigReader } from "./target-kind-form";
import { TARGET_FORMS, targetForm } from "./target-forms";

// Moved beside the kinds and inputs they belong to; re-exported for existing imports.
export { headersFromRows, nextDraftId, numberReader, type HeaderRow } from "./draft-inputs";
export { HTTP_METHODS } from "../kinds/http.form";
export { OPENAI_BASE_URL_PRESETS } from "../kinds/openai-chat.form";

/**
 * The target form's editable state: text as typed, one slot per kind so that
 * switching kind and back keeps what was entered. Each slot is its kind's
 * form draft (kinds/<kind>.form.tsx). Turned into a config on submit and
 * validated with the same zod schema as the server.
 */
export interface TargetDraft {
  kind: TargetKind;
  slots: { [K in TargetKind]: ReturnType<(typeof TARGET_FORMS)[K]["newDraft"]> };
}

export function defaultTargetDraft(kind: TargetKind = "openai-chat"): TargetDraft {
  const slots = Object.fromEntries(Object.entries(TARGET_FORMS).map(([name, form]) => [name, form.newDraft()])) as TargetDraft["slots"];
  return { kind, slots };
}

/** The draft for a saved target's (masked) config. */
export function draftFromConfig(config: TargetConfig): TargetDraft {
  const draft = defaultTargetDraft(config.kind);
  return { ...draft, slots: { ...draft.slots, [config.kind]: targetForm(config.kind).fromConfig(config) } };
}

/**
 * The config the draft describes (not yet validated: the caller runs the
 * shared schema). Problems only the form can see (a number box holding
 * text, a duplicate header) are added to `errors` under `prefix`.
 */
export function configFromDraft(draft: TargetDraft, errors: FieldErrors, prefix: string): TargetConfigInput {
  const read: ConfigReader = {
    number: numberReader(errors, prefix),
    headers: (path, rows) => headersFromRows(rows, errors, `${prefix}${path}`),
    error: (path, message) => {
      errors[`${prefix}${path}`] = message;
    },
  };
  return targetForm(draft.kind).toConfig(draft.slots[draft.kind], read);
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

/** Whether a kind's fields show the error at `path` (keyed from the config); the run dialog lists the others apart. */
export function targetFieldShows(path: string): boolean {
  return Object.values(TARGET_FORMS).some((form) =>
    form.fieldPaths.some((shown) => (shown.endsWith(".*") ? path.startsWith(shown.slice(0, -1)) && path.length > shown.length - 1 : path === shown)),
  );
}
