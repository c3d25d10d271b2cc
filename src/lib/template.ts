import { readPath } from "./json-path";

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** Replaces each placeholder with `format(value)`; a path the context lacks is an error naming it. */
function fill(template: string, context: Record<string, unknown>, what: string, format: (value: unknown) => string): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => {
    const found = readPath(context, path);
    if (!found.found) throw new Error(`${what} refers to {{${path}}}, which this item does not have.`);
    return format(found.value);
  });
}

/**
 * Renders `{{ path }}` placeholders against a context object: `{{input}}`,
 * `{{input.question}}`, `{{expectedOutput}}`, `{{metadata.lang}}`. Strings are
 * inserted as they are, other values as JSON; a missing path is an error, so
 * a typo in a prompt does not silently send an empty prompt.
 */
export function renderTemplate(template: string, context: Record<string, unknown>): string {
  return fill(template, context, "The template", (value) =>
    typeof value === "string" ? value : value === undefined || value === null ? "" : JSON.stringify(value),
  );
}

/** The placeholders a template uses, for validation and previews. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/**
 * Renders a JSON body template: each `{{ path }}` becomes the value as JSON
 * (strings quoted), so `{"q": {{input.question}}}` stays valid JSON. The
 * result must parse as JSON.
 */
export function renderJsonTemplate(template: string, context: Record<string, unknown>): unknown {
  const text = fill(template, context, "The body template", (value) => JSON.stringify(value ?? null));
  try {
    return JSON.parse(text);
  } catch {
    throw new Error("The body template does not produce valid JSON once filled in.");
  }
}
