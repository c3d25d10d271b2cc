import { newDraft, valuesFromDraft, type DraftReader, type FormSpec, type KindDraft } from "@/components/kind-form/fields";
import { headersFromRows, nextDraftId, numberReader } from "@/features/targets/components";
import type { FieldErrors } from "@/lib/trpc/errors";
import { SCORER_GROUP_LABELS } from "../kind";
import { SCORER_KINDS } from "../kinds";
import type { ScorerConfigInput, ScorerType } from "../schemas";
import { SCORER_TYPES } from "../scorer-types";

/** The params of some scorer kind as its form edits them (the `form` of kinds/<type>.ts). */
export type ScorerDraftParams = KindDraft;

/**
 * A scorer as the run dialog edits it: the fields every scorer has, and the
 * params of its type as text boxes and switches. A scorer keeps its type;
 * another type is another scorer.
 */
export interface ScorerDraft {
  id: string;
  type: ScorerType;
  name: string;
  threshold: string;
  /** Draft ids of earlier scorers that must pass first; names are resolved on submit, so renaming one keeps the gate. */
  gate: string[];
  params: ScorerDraftParams;
}

const FORM_BY_TYPE = new Map<ScorerType, FormSpec>(SCORER_KINDS.map((kind) => [kind.type, kind.form]));

/** The form of a scorer kind, as data (kinds/<type>.ts). */
export function scorerForm(type: ScorerType): FormSpec {
  return FORM_BY_TYPE.get(type) ?? [];
}

/** The Add scorer picker's groups, each listing its kinds in registry order. */
export const SCORER_GROUPS: { label: string; types: ScorerType[] }[] = SCORER_GROUP_LABELS.map((label) => ({
  label,
  types: SCORER_KINDS.filter((kind) => kind.group === label).map((kind) => kind.type),
}));

/** Scorers that call out (cost money or time): the ones worth gating behind cheap checks. */
export const EXPENSIVE_SCORERS: ReadonlySet<ScorerType> = new Set(SCORER_KINDS.filter((kind) => kind.callsOut).map((kind) => kind.type));

/** A new scorer of `type`, named after its type; a suffix keeps names unique in the run. */
export function newScorer(type: ScorerType, existing: readonly { name: string }[]): ScorerDraft {
  const taken = new Set(existing.map((s) => s.name));
  let name: string = type;
  for (let n = 2; taken.has(name); n++) name = `${type}-${n}`;
  return {
    id: nextDraftId(),
    type,
    name,
    threshold: String(SCORER_TYPES[type].defaultThreshold),
    gate: [],
    params: newDraft(scorerForm(type)),
  };
}

/**
 * The scorer config a draft describes, not yet validated (the caller runs the
 * shared schema). `earlier` are the scorers listed before it, for the gate.
 * Problems only the form can see go to `errors` under `prefix` (`scorers.2.`).
 */
export function scorerFromDraft(draft: ScorerDraft, earlier: readonly ScorerDraft[], errors: FieldErrors, prefix: string): ScorerConfigInput {
  const num = numberReader(errors, prefix);
  const requires = draft.gate.flatMap((id) => earlier.find((s) => s.id === id)?.name ?? []);
  const base = { name: draft.name, threshold: num("threshold", draft.threshold), ...(requires.length > 0 ? { gate: { requires } } : {}) };
  const read: DraftReader = {
    number: (field, raw) => num(`params.${field}`, raw),
    headers: (field, rows) => headersFromRows(rows, errors, `${prefix}params.${field}`),
    error: (field, message) => {
      errors[`${prefix}params.${field}`] = message;
    },
  };
  // The params match the type: the draft's form made both.
  return { ...base, type: draft.type, params: valuesFromDraft(scorerForm(draft.type), draft.params, read) } as ScorerConfigInput;
}
