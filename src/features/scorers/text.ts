import { asText } from "@/lib/json";
import { type ScoreContext, ScorerError } from "./types";

export function expectedText(context: ScoreContext): string {
  if (context.expectedOutput === null || context.expectedOutput === undefined) {
    throw new ScorerError("This item has no expected output to compare with.");
  }
  return asText(context.expectedOutput);
}

export interface NormaliseOptions {
  caseSensitive: boolean;
  trim?: boolean;
  /** Runs of whitespace (spaces, tabs, newlines) become one space. */
  collapseWhitespace?: boolean;
}

export function normalise(text: string, options: NormaliseOptions): string {
  let result = options.collapseWhitespace ? text.replace(/\s+/g, " ") : text;
  if (options.trim) result = result.trim();
  if (!options.caseSensitive) result = result.toLowerCase();
  return result;
}

/** A single-line excerpt for reasons and error messages. */
export function snippet(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** `"a", "b" and "c"`: a short quoted list for reasons. */
export function quoteList(values: string[], max = 5): string {
  const quoted = values.slice(0, max).map((v) => `"${snippet(v, 60)}"`);
  if (values.length > max) quoted.push(`${values.length - max} more`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

/**
 * The JSON inside a Markdown code fence (```json … ```), or the text as it is.
 * Models wrap JSON in fences even when told not to.
 */
export function stripCodeFence(text: string): string {
  // indexOf, not a regex: a lazy regex rescans the rest of the text from every
  // unclosed fence, which is quadratic on a large output full of backticks.
  const open = text.indexOf("```");
  if (open === -1) return text.trim();
  const close = text.indexOf("```", open + 3);
  if (close === -1) return text.trim();
  const inner = text.slice(open + 3, close);
  // Drop the info string (```json) when the fence opens its own line.
  const newline = inner.indexOf("\n");
  const body = newline !== -1 && /^[\w-]*[ \t]*\r?$/.test(inner.slice(0, newline)) ? inner.slice(newline + 1) : inner;
  return body.trim();
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * An output as structured JSON: a string output is parsed (after removing a
 * code fence when allowed); anything else already is JSON.
 */
export function outputAsJson(output: unknown, options: { allowCodeFence: boolean }): ParsedJson {
  if (typeof output !== "string") return { ok: true, value: output ?? null };
  return parseJson(options.allowCodeFence ? stripCodeFence(output) : output);
}
