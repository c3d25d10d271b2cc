import type { JsonValue } from "@/lib/json";

/**
 * How the item form reads its text boxes:
 *  - text starting with `{` or `[` must be valid JSON (an object or array);
 *  - otherwise, text that is a JSON literal (`42`, `true`, `null`, `"quoted"`)
 *    becomes that value, and any other text is kept as a plain string.
 * So `Paris` is the string "Paris", `42` is a number and `"42"` a string.
 * Metadata must be a JSON object. Empty means "none" (not allowed for input).
 */
export const JSON_RULE_HINT =
  'Plain text is saved as a string. Text starting with { or [ must be valid JSON; 42, true and null are JSON values — quote them ("42") to keep them as text.';

export type ParsedText = { ok: true; value: JsonValue | undefined } | { ok: false; error: string };

function looksStructured(text: string): boolean {
  return text.startsWith("{") || text.startsWith("[");
}

function jsonError(error: unknown): string {
  const detail = error instanceof Error ? error.message.replace(/^JSON\.parse: /, "") : "";
  return `Invalid JSON${detail ? `: ${detail}` : ""}. Fix it, or remove the leading { or [ to save it as plain text.`;
}

export function parseLooseJson(raw: string): ParsedText {
  const text = raw.trim();
  if (text === "") return { ok: true, value: undefined };
  if (looksStructured(text)) {
    try {
      return { ok: true, value: JSON.parse(text) as JsonValue };
    } catch (error) {
      return { ok: false, error: jsonError(error) };
    }
  }
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch {
    // Not JSON and not meant to be: a plain string, as typed (untrimmed inside).
    return { ok: true, value: raw.trim() };
  }
}

export function parseMetadata(raw: string): { ok: true; value: Record<string, JsonValue> | undefined } | { ok: false; error: string } {
  const text = raw.trim();
  if (text === "") return { ok: true, value: undefined };
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { ok: false, error: 'Metadata must be a JSON object, e.g. { "source": "support" }.' };
    }
    return { ok: true, value: value as Record<string, JsonValue> };
  } catch (error) {
    return { ok: false, error: jsonError(error).replace(", or remove the leading { or [ to save it as plain text", "") };
  }
}

/** The inverse of parseLooseJson, for the edit form: a value back to the text that parses to it. */
export function toLooseText(value: JsonValue | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") {
    // Show the bare text when it reads back as the same string; quote it otherwise ("42", " padded ", "{not json").
    const roundTrip = parseLooseJson(value);
    return roundTrip.ok && roundTrip.value === value ? value : JSON.stringify(value);
  }
  return JSON.stringify(value, null, 2);
}
