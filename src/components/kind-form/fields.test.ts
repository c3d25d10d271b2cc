import { describe, expect, it } from "vitest";
import type { FieldErrors } from "@/lib/trpc/errors";
import { draftFromValues, formErrorPaths, newDraft, pathShown, valuesFromDraft, type DraftReader, type FormSpec, type HeaderRow } from "./fields";

const FORM: FormSpec = [
  { control: "text", key: "url", label: "URL", trim: true },
  { control: "text", key: "model", label: "Model", initial: "m" },
  { control: "secret", key: "apiKey", label: "API key" },
  {
    grid: "grid-cols-2",
    row: [
      { control: "number", key: "timeoutMs", label: "Timeout" },
      { control: "number", key: "pricing.promptPer1k", label: "Price", empty: 0 },
    ],
  },
  { control: "json", key: "schema", label: "Schema", rows: 4 },
  { control: "lines", key: "values", label: "Values", rows: 3, claims: ["value"] },
  { control: "integers", key: "statuses", label: "Statuses", initial: "429, 503", min: 100, max: 599, invalid: '"{part}" is not a status' },
  {
    control: "select",
    key: "mode",
    label: "Mode",
    options: [
      ["all", "All"],
      ["any", "Any"],
    ],
  },
  { inline: [{ control: "checkbox", key: "strict", label: "Strict", initial: true }] },
  { control: "headers", key: "headers" },
  { note: "Text only." },
];

/** A reader that records what the form finds, as the scorer and target forms do. */
function reader(errors: FieldErrors): DraftReader {
  return {
    number: (path, raw) => {
      if (raw.trim() === "") return undefined;
      const value = Number(raw);
      if (!Number.isFinite(value)) errors[path] = "must be a number";
      return value;
    },
    headers: (_path, rows) => Object.fromEntries(rows.map((row) => [row.name, row.value])),
    error: (path, message) => {
      errors[path] = message;
    },
  };
}

const rowsOf = (headers: Record<string, string> | undefined): HeaderRow[] =>
  Object.entries(headers ?? {}).map(([name, value], index) => ({ id: `r${index}`, name, value, storedName: null }));

describe("kind form drafts", () => {
  it("a new draft holds each field's starting value: text as text, switches as booleans, rows empty", () => {
    expect(newDraft(FORM)).toEqual({
      url: "",
      model: "m",
      apiKey: "",
      timeoutMs: "",
      "pricing.promptPer1k": "",
      schema: "",
      values: "",
      statuses: "429, 503",
      mode: "all",
      strict: true,
      headers: [],
    });
  });

  it("reads each control into params: trimmed, parsed, nested by dot path; empty boxes are left to the schema", () => {
    const draft = {
      ...newDraft(FORM),
      url: " http://x ",
      apiKey: " sk ",
      timeoutMs: "500",
      schema: '{"type":"object"}',
      values: " Paris \n\n capital ",
      headers: [{ id: "h", name: "x-a", value: "1", storedName: null }],
    };
    const errors: FieldErrors = {};
    expect(valuesFromDraft(FORM, draft, reader(errors))).toEqual({
      url: "http://x",
      model: "m",
      apiKey: "sk",
      timeoutMs: 500,
      pricing: { promptPer1k: 0 },
      schema: { type: "object" },
      values: ["Paris", "capital"],
      statuses: [429, 503],
      mode: "all",
      strict: true,
      headers: { "x-a": "1" },
    });
    expect(errors).toEqual({});
  });

  it("puts what only the form sees next to its field", () => {
    const draft = { ...newDraft(FORM), timeoutMs: "soon", schema: "{", statuses: "429, 7xx" };
    const errors: FieldErrors = {};
    valuesFromDraft(FORM, draft, reader(errors));
    expect(errors.timeoutMs).toBe("must be a number");
    expect(errors.schema).toMatch(/^Invalid JSON: /);
    expect(errors.statuses).toBe('"7xx" is not a status');
  });

  it("saved params come back as the same params", () => {
    const saved = {
      url: "http://x",
      model: "m2",
      apiKey: "sk",
      timeoutMs: 500,
      pricing: { promptPer1k: 0 },
      schema: { type: "object" },
      values: ["a", "b"],
      statuses: [500],
      mode: "any",
      strict: false,
      headers: { "x-a": "1" },
    };
    const draft = draftFromValues(FORM, saved, rowsOf);
    expect(draft["pricing.promptPer1k"]).toBe("");
    expect(draft.statuses).toBe("500");
    expect(valuesFromDraft(FORM, draft, reader({}))).toEqual(saved);
  });

  it("knows which error paths its fields show", () => {
    const paths = formErrorPaths(FORM);
    for (const path of ["url", "pricing.promptPer1k", "values", "values.1", "value", "headers", "headers.0", "strict"])
      expect(pathShown(paths, path), path).toBe(true);
    for (const path of ["pricing", "headers.", "kind"]) expect(pathShown(paths, path), path).toBe(false);
  });
});
