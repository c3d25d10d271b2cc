import type { FieldErrors } from "@/lib/trpc/errors";
import type { ScorerType } from "@/features/scorers/schemas";
import type { TargetKind } from "@/features/targets/schemas";
import { triggerRunInput, type TriggerRunInput } from "../schemas";

/** The run dialog's editable state: text as typed, turned into the API input on submit. */
export interface HeaderRow {
  id: string;
  name: string;
  value: string;
}

/** The scorers this dialog can configure; the others need params it has no form for yet. */
export const DIALOG_SCORER_TYPES = ["exact-match", "contains", "levenshtein"] as const satisfies readonly ScorerType[];
export type DialogScorerType = (typeof DIALOG_SCORER_TYPES)[number];

export interface ScorerDraft {
  id: string;
  type: DialogScorerType;
  name: string;
  threshold: string;
  caseSensitive: boolean;
  trim: boolean;
  /** contains: the text to look for; empty means the item's expected output. */
  value: string;
}

export interface RunDraft {
  name: string;
  targetKind: Extract<TargetKind, "echo" | "demo" | "http">;
  demo: { latencyMs: string; jitterMs: string; failureRate: string; accuracy: string };
  http: { url: string; headers: HeaderRow[]; outputPath: string };
  scorers: ScorerDraft[];
  settings: { concurrency: string; timeoutMs: string; retries: string; repetitions: string };
}

let localId = 0;
export const nextDraftId = () => `d${++localId}`;

const DEFAULT_THRESHOLD: Record<DialogScorerType, string> = { "exact-match": "1", contains: "1", levenshtein: "0.8" };
const DEFAULT_CASE_SENSITIVE: Record<DialogScorerType, boolean> = { "exact-match": true, contains: false, levenshtein: true };

/** A new scorer of `type`, named after its type; a suffix keeps names unique in the run. */
export function newScorer(type: DialogScorerType, existing: ScorerDraft[]): ScorerDraft {
  const taken = new Set(existing.map((s) => s.name));
  let name: string = type;
  for (let n = 2; taken.has(name); n++) name = `${type}-${n}`;
  return { id: nextDraftId(), type, name, threshold: DEFAULT_THRESHOLD[type], caseSensitive: DEFAULT_CASE_SENSITIVE[type], trim: true, value: "" };
}

export function defaultDraft(): RunDraft {
  const exact = newScorer("exact-match", []);
  return {
    name: "",
    targetKind: "demo",
    demo: { latencyMs: "300", jitterMs: "200", failureRate: "0", accuracy: "0.8" },
    http: { url: "", headers: [], outputPath: "" },
    scorers: [exact, newScorer("levenshtein", [exact])],
    settings: { concurrency: "5", timeoutMs: "30000", retries: "2", repetitions: "1" },
  };
}

/** Parses the draft into the trigger input, with the same zod schema the server uses. */
export function buildTriggerInput(draft: RunDraft, datasetId: string, idempotencyKey: string): { ok: true; input: TriggerRunInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  // Empty means "use the default"; anything else must be a number.
  const num = (path: string, text: string): number | undefined => {
    const trimmed = text.trim();
    if (trimmed === "") return undefined;
    const value = Number(trimmed);
    if (!Number.isFinite(value)) errors[path] = "must be a number";
    return value;
  };

  let target: TriggerRunInput["target"];
  if (draft.targetKind === "echo") {
    target = { kind: "echo" };
  } else if (draft.targetKind === "demo") {
    target = {
      kind: "demo",
      latencyMs: num("target.latencyMs", draft.demo.latencyMs),
      jitterMs: num("target.jitterMs", draft.demo.jitterMs),
      failureRate: num("target.failureRate", draft.demo.failureRate),
      accuracy: num("target.accuracy", draft.demo.accuracy),
    };
  } else {
    const headers: Record<string, string> = {};
    draft.http.headers.forEach((row, index) => {
      const name = row.name.trim();
      if (!name && !row.value) return;
      if (!name) errors[`target.headers.${index}`] = "Header name is required";
      else if (name in headers) errors[`target.headers.${index}`] = `Header "${name}" is set twice`;
      else headers[name] = row.value;
    });
    target = { kind: "http", url: draft.http.url.trim(), headers, outputPath: draft.http.outputPath };
  }

  const scorers = draft.scorers.map((s, index) => {
    const base = { name: s.name, threshold: num(`scorers.${index}.threshold`, s.threshold) };
    if (s.type === "exact-match") return { type: s.type, ...base, params: { caseSensitive: s.caseSensitive, trim: s.trim } };
    if (s.type === "contains") return { type: s.type, ...base, params: { caseSensitive: s.caseSensitive, value: s.value } };
    return { type: s.type, ...base, params: { caseSensitive: s.caseSensitive } };
  });

  const input: TriggerRunInput = {
    datasetId,
    name: draft.name,
    target,
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
  for (const issue of parsed.error?.issues ?? []) {
    const path = issue.path.map(String).join(".");
    errors[path] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Which error paths the dialog shows next to a field; the rest go in a callout. */
export function isFieldPath(path: string): boolean {
  return /^(name|target\.(url|outputPath|latencyMs|jitterMs|failureRate|accuracy|headers(\..+)?)|scorers\.\d+\.(name|threshold|params(\..+)?)|settings\.(concurrency|timeoutMs|retries|repetitions))$/.test(path);
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
