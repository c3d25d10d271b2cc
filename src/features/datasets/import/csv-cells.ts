/**
 * How the text of a CSV cell is read: the spreadsheet guard of our export
 * undone, and — when the import parses JSON cells — the JSON value the text
 * exactly is, or the text itself.
 */
import { jsonValueProblem, type JsonValue } from "@/lib/json";

/**
 * Undoes the spreadsheet-formula guard of our CSV export: a leading apostrophe
 * added before = + - @ or another apostrophe is removed.
 */
export function unguardCell(cell: string): string {
  return /^'[=+\-@'\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** Text without the whitespace JSON allows between tokens (whitespace inside strings is kept). */
function withoutJsonWhitespace(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += text[i + 1] ?? "";
        i += 1;
      } else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch !== " " && ch !== "\t" && ch !== "\n" && ch !== "\r") out += ch;
  }
  return out;
}

/**
 * The JSON value a cell's text is exactly — writing the value back as JSON
 * gives the same text — or undefined. So `42`, `-5`, `true`, `null`, `"x"`
 * and `{"a":1}` are JSON, but `12345678901234567890`, `1.50`, `1e5`, `-0`,
 * `007` and `"caf\u00e9"` stay text (JSON would change them). An object or
 * array may have spaces and line breaks between its parts. An object or
 * array nested deeper than MAX_JSON_DEPTH is JSON whatever its spacing.
 */
export function exactJson(text: string): JsonValue | undefined {
  const first = text.charCodeAt(0);
  // Quick no: JSON starts with { [ " - a digit, t, f or n.
  if (!(first === 123 || first === 91 || first === 34 || first === 45 || (first >= 48 && first <= 57) || first === 116 || first === 102 || first === 110)) {
    const trimmedFirst = text.trimStart()[0];
    if (trimmedFirst !== "{" && trimmedFirst !== "[") return undefined;
  }
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
  // Nested deeper than a stored value may be: JSON all the same, but writing it back to compare could
  // overflow the stack (JSON.stringify recurses). It is returned as read, and the import refuses it.
  if (value !== null && typeof value === "object" && jsonValueProblem(value) !== null) return value;
  const canonical = JSON.stringify(value);
  if (canonical === text) return value;
  if (value !== null && typeof value === "object" && canonical === withoutJsonWhitespace(text)) return value;
  return undefined;
}

/** A CSV cell as a value: its text, or — with parseJson — the JSON it exactly is. An empty cell is "". */
export function cellValue(raw: string, parseJson: boolean): JsonValue {
  const text = unguardCell(raw);
  if (!parseJson || text === "") return text;
  const json = exactJson(text);
  return json === undefined ? text : json;
}

/** How a cell will be read, for the mapping dialog: "text", "empty text" or the JSON type it becomes. */
export function cellReading(raw: string, parseJson: boolean): string {
  const value = cellValue(raw, parseJson);
  if (typeof value === "string") return value === "" ? "empty text" : raw === value || !parseJson ? "text" : "JSON text";
  if (value === null) return "JSON null";
  if (Array.isArray(value)) return "JSON array";
  return `JSON ${typeof value}`;
}
