import { newScorer, scorerFromDraft, type ScorerDraft } from "@/features/scorers/components";
import { addIssues, configFromDraft, defaultTargetDraft, targetFieldShows, type TargetDraft } from "@/features/targets/components";
import type { FieldErrors } from "@/lib/trpc/errors";
import { triggerRunInput, type TriggerRunInput } from "../schemas";

/** The run dialog's editable state: text as typed, turned into the API input on submit. */
export interface RunDraft {
  name: string;
  /**
   * A saved target or one configured in the dialog. Null until the user picks
   * or the saved targets have loaded (saved when there are any).
   */
  targetMode: "saved" | "inline" | null;
  targetId: string;
  target: TargetDraft;
  scorers: ScorerDraft[];
  settings: { concurrency: string; timeoutMs: string; retries: string; repetitions: string };
}

export function defaultDraft(): RunDraft {
  const exact = newScorer("exact-match", []);
  return {
    name: "",
    targetMode: null,
    targetId: "",
    target: defaultTargetDraft("demo"),
    scorers: [exact, newScorer("levenshtein", [exact])],
    settings: { concurrency: "5", timeoutMs: "30000", retries: "2", repetitions: "1" },
  };
}

/** Parses the draft into the trigger input, with the same zod schema the server uses. */
export function buildTriggerInput(
  draft: RunDraft,
  datasetId: string,
  idempotencyKey: string,
): { ok: true; input: TriggerRunInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const num = (path: string, text: string): number | undefined => {
    const trimmed = text.trim();
    if (trimmed === "") return undefined;
    const value = Number(trimmed);
    if (!Number.isFinite(value)) errors[path] = "must be a number";
    return value;
  };

  const saved = draft.targetMode === "saved";
  if (saved && !draft.targetId) errors.targetId = "Pick a saved target, or configure one here.";
  const target = saved ? undefined : configFromDraft(draft.target, errors, "target.");
  const scorers = draft.scorers.map((scorer, index) => scorerFromDraft(scorer, draft.scorers.slice(0, index), errors, `scorers.${index}.`));

  const input: TriggerRunInput = {
    datasetId,
    name: draft.name,
    ...(saved ? { targetId: draft.targetId || undefined } : { target }),
    scorers,
    settings: {
      concurrency: num("settings.concurrency", draft.settings.concurrency),
      timeoutMs: num("settings.timeoutMs", draft.settings.timeoutMs),
      retries: num("settings.retries", draft.settings.retries),
      repetitions: num("settings.repetitions", draft.settings.repetitions),
    },
    idempotencyKey,
  };
  // Run the schema even when a box is not a number, so every field's problem shows at once.
  const parsed = triggerRunInput.safeParse(input);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, input };
  // "Give either targetId or target" only means no target was picked: already said above.
  addIssues(
    errors,
    (parsed.error?.issues ?? []).filter((issue) => !(saved && errors.targetId && issue.path.join(".") === "target")),
  );
  return { ok: false, errors };
}

/** Which error paths the dialog shows next to a field (or in its section); the rest go in a callout. */
export function isFieldPath(path: string): boolean {
  // A target's fields are its kind's form's (the `form` of kinds/<kind>.ts).
  if (path.startsWith("target.")) return targetFieldShows(path.slice("target.".length));
  return /^(name|targetId|target|scorers|settings|scorers\.\d+\..+|settings\.(concurrency|timeoutMs|retries|repetitions))$/.test(path);
}

/** A UUID where crypto.randomUUID is missing: it needs a secure context, and self-hosted apps often run on plain http. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
