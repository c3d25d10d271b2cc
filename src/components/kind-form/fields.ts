/**
 * A kind's form as data: which params it edits, with which control, label and
 * hint. Scorer and target kinds declare one beside their schema; the feature's
 * form renders it and converts between the draft (what the boxes hold, e.g. a
 * number as typed) and the params the kind's schema validates. Being plain
 * data, a form can sit in a kind's module, which the server loads too.
 *
 * Hints are text in which `{{name}}` shows as a template placeholder and
 * `` `code` `` as code.
 */

export interface SelectOption {
  value: string;
  label: string;
}

/** A choice of a select or segmented control: its value, or [value, label] when the label differs. */
export type Choice = string | readonly [value: string, label: string];

export function choicesOf(choices: readonly Choice[]): SelectOption[] {
  return choices.map((choice) => (typeof choice === "string" ? { value: choice, label: choice } : { value: choice[0], label: choice[1] }));
}

interface Labelled {
  /** A param, as a dot path for a nested one (`pricing.promptPer1k`). */
  key: string;
  label: string;
  hint?: string;
}

/** One-click values shown under a text box (e.g. where the usual servers listen). */
export interface Presets {
  items: readonly { label: string; value: string }[];
  /** Text before the buttons. */
  before?: string;
  /** Text after the buttons. */
  after?: string;
}

export type FieldSpec =
  /** A single-line text; `mono` for URLs and code-like values, `trim` to drop surrounding spaces. */
  | (Labelled & { control: "text"; initial?: string; placeholder?: string; mono?: boolean; trim?: boolean; presets?: Presets })
  /** A secret (masked once stored); trimmed. */
  | (Labelled & { control: "secret"; initial?: string; placeholder?: string })
  /** A number box: empty is "not set" (the schema's default), or `empty` when given (and that value shows as empty). */
  | (Labelled & { control: "number"; initial?: string; placeholder?: string; empty?: number })
  /** Multi-line text; `code` for templates and JSON. */
  | (Labelled & { control: "textarea"; rows: number; initial?: string; placeholder?: string; code?: boolean })
  /** A JSON value typed as text; empty is "not set". */
  | (Labelled & { control: "json"; rows: number; initial?: string })
  /** A list of texts, one per line; blank lines are dropped. `claims`: other params whose errors it shows. */
  | (Labelled & { control: "lines"; rows: number; placeholder?: string; claims?: readonly string[] })
  /** A list of integers from `min` to `max`, separated by commas or spaces; `invalid` is the message, `{part}` the bad entry. */
  | (Labelled & { control: "integers"; initial?: string; min: number; max: number; invalid: string })
  | (Labelled & { control: "select"; options: readonly Choice[]; initial?: string })
  /** The same choice as buttons side by side. */
  | (Labelled & { control: "segmented"; options: readonly Choice[]; initial?: string })
  | { control: "checkbox"; key: string; label: string; initial?: boolean }
  /** A map of header names to secret values. */
  | { control: "headers"; key: string; label?: string; hint?: string };

/**
 * A form is fields in order: a row puts some side by side (`grid` holds its
 * column classes), `inline` wraps small controls on a line, a note is text.
 */
export type FormItem = FieldSpec | { row: readonly FieldSpec[]; grid: string } | { inline: readonly FieldSpec[] } | { note: string };
export type FormSpec = readonly FormItem[];

export interface HeaderRow {
  id: string;
  name: string;
  value: string;
  /**
   * The header's name when it came from the server with its value masked: the
   * mask keeps the stored value only under that name.
   */
  storedName: string | null;
}

export type DraftValue = string | boolean | HeaderRow[];
/** A kind's params as its form edits them, keyed by field key. */
export type KindDraft = Record<string, DraftValue>;

/**
 * Reads a draft's boxes into params. Problems only the form can see (a number
 * box holding text, a duplicate header) are recorded next to their field.
 */
export interface DraftReader {
  /** Empty means "not set" (the schema's default); anything else must be a number. */
  number(path: string, raw: string): number | undefined;
  headers(path: string, rows: HeaderRow[]): Record<string, string>;
  error(path: string, message: string): void;
}

/** Every field of a form, in order. */
export function formFields(form: FormSpec): FieldSpec[] {
  return form.flatMap((item) => ("control" in item ? [item] : "row" in item ? item.row : "inline" in item ? item.inline : []));
}

function initialValue(field: FieldSpec): DraftValue {
  switch (field.control) {
    case "checkbox":
      return field.initial ?? false;
    case "headers":
      return [];
    case "lines":
      return "";
    case "select":
    case "segmented":
      return field.initial ?? choicesOf(field.options)[0]?.value ?? "";
    default:
      return field.initial ?? "";
  }
}

/** The draft of a new scorer or target of a kind: each box as its field starts. */
export function newDraft(form: FormSpec): KindDraft {
  return Object.fromEntries(formFields(form).map((field) => [field.key, initialValue(field)]));
}

function readKey(values: object, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((value, part) => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined), values);
}

function writeKey(values: Record<string, unknown>, key: string, value: unknown) {
  const parts = key.split(".");
  const last = parts.pop()!;
  let into = values;
  for (const part of parts) into = (into[part] ??= {}) as Record<string, unknown>;
  into[last] = value;
}

const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));

/** The draft for saved (masked) params; `headerRows` turns a headers map into editor rows. */
export function draftFromValues(form: FormSpec, values: object, headerRows: (headers: Record<string, string> | undefined) => HeaderRow[]): KindDraft {
  const draft = newDraft(form);
  for (const field of formFields(form)) {
    const value = readKey(values, field.key);
    if (field.control === "checkbox") draft[field.key] = value === true;
    else if (field.control === "headers") draft[field.key] = headerRows(value as Record<string, string> | undefined);
    else if (field.control === "number") draft[field.key] = value === field.empty ? "" : text(value);
    else if (field.control === "integers") draft[field.key] = Array.isArray(value) ? value.join(", ") : "";
    else if (field.control === "lines") draft[field.key] = Array.isArray(value) ? value.join("\n") : "";
    else if (field.control === "json") draft[field.key] = value === undefined ? "" : JSON.stringify(value, null, 2);
    else draft[field.key] = text(value);
  }
  return draft;
}

function integers(field: Extract<FieldSpec, { control: "integers" }>, raw: string, read: DraftReader): number[] {
  const list: number[] = [];
  for (const part of raw.split(/[\s,]+/).filter(Boolean)) {
    const value = Number(part);
    if (!Number.isInteger(value) || value < field.min || value > field.max) {
      read.error(field.key, field.invalid.replace("{part}", part));
      break;
    }
    list.push(value);
  }
  return list;
}

function json(key: string, raw: string, read: DraftReader): unknown {
  if (raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch (error) {
    read.error(key, `Invalid JSON${error instanceof Error ? `: ${error.message}` : ""}`);
    return undefined;
  }
}

function fieldValue(field: FieldSpec, value: DraftValue, read: DraftReader): unknown {
  const raw = typeof value === "string" ? value : "";
  switch (field.control) {
    case "checkbox":
      return value === true;
    case "headers":
      return read.headers(field.key, Array.isArray(value) ? value : []);
    case "number":
      return read.number(field.key, raw) ?? field.empty;
    case "text":
      return field.trim ? raw.trim() : raw;
    case "secret":
      return raw.trim();
    case "json":
      return json(field.key, raw, read);
    case "lines":
      return raw
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
    case "integers":
      return integers(field, raw, read);
    default:
      return raw;
  }
}

/** The params a draft describes, not yet validated (the caller runs the kind's schema). */
export function valuesFromDraft(form: FormSpec, draft: KindDraft, read: DraftReader): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of formFields(form)) writeKey(values, field.key, fieldValue(field, draft[field.key] ?? initialValue(field), read));
  return values;
}

/**
 * The error paths a form's fields show, keyed from the params; `x.*` stands
 * for any path under `x`. Whatever none shows is listed apart.
 */
export function formErrorPaths(form: FormSpec): string[] {
  return formFields(form).flatMap((field) => {
    if (field.control === "headers") return [field.key, `${field.key}.*`];
    if (field.control === "lines") return [field.key, `${field.key}.*`, ...(field.claims ?? [])];
    return [field.key];
  });
}

/** Whether `path` is one of `paths` (as formErrorPaths gives them). */
export function pathShown(paths: readonly string[], path: string): boolean {
  return paths.some((shown) => (shown.endsWith(".*") ? path.startsWith(shown.slice(0, -1)) && path.length > shown.length - 1 : path === shown));
}
