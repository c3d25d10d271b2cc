import { readPath } from "./json-path";

/**
 * Renders `{{ path }}` placeholders against a context object: `{{input}}`,
 * `{{input.question}}`, `{{expectedOutput}}`, `{{metadata.lang}}`. Strings are
 * inserted as they are, other values as JSON; a missing path is an error, so
 * a typo in a prompt does not silently send an empty prompt.
 */
export function renderTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_match, path: string) => {
    const found = readPath(context, path);
    if (!found.found) throw new Error(`The template refers to {{${path}}}, which this item does not have.`);
    const value = found.value;
    if (typeof value === "string") return value;
    if (value === undefined || value === null) return "";
    return JSON.stringify(value);
  });
}

/** The placeholders a template uses, for validation and previews. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1]!);
}

/**
 * Renders a JSON body template: each `{{ path }}` becomes the value as JSON
 * (strings quoted), so `{"q": {{input.question}}}` stays valid JSON. The
 * result must parse as JSON.
 */
export function renderJsonTemplate(template: string, context: Record<string, unknown>): unknown {
  const text = template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_match, path: string) => {
    const found = readPath(context, path);
    if (!found.found) throw new Error(`The body template refers to {{${path}}}, which this item does not have.`);
    return JSON.stringify(found.value ?? null);
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new Error("The body template does not produce valid JSON once filled in.");
  }
}
