import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellReading, cellValue, exactJson } from "./csv-cells";
import { applyMapping, defaultMapping, importMappingSchema, mappingProblems, type ImportMapping } from "./mapping";

const SEGMENTS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "a", "b", "polluted"];
const segment = fc.oneof(fc.constantFrom(...SEGMENTS), fc.stringMatching(/^[A-Za-z0-9_$-]{1,6}$/));
const dotPath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("."));

/** What the mapping should build, with Maps (no prototypes anywhere), as plain JSON text. */
function reference(entries: { path: string; value: string }[]): string {
  type Node = Map<string, Node | string>;
  const root: Node = new Map();
  for (const { path, value } of entries) {
    const keys = path.split(".");
    let node = root;
    for (const key of keys.slice(0, -1)) {
      const next = node.get(key);
      const child: Node = next instanceof Map ? next : new Map();
      node.set(key, child);
      node = child;
    }
    node.set(keys[keys.length - 1]!, value);
  }
  const toJson = (node: Node | string): string =>
    typeof node === "string"
      ? JSON.stringify(node)
      : `{${[...node]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
          .join(",")}}`;
  return toJson(root);
}

/** JSON with keys sorted (a JS object lists integer-like keys first, whatever the insertion order). */
function sortedJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(Object.getOwnPropertyDescriptor(value, k)?.value)}`).join(",")}}`;
}

describe("mapping paths never write onto a prototype", () => {
  it("any paths, including __proto__, constructor and prototype segments (property test)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(dotPath, { minLength: 1, maxLength: 6 }),
        fc.constantFrom("csv", "json", "jsonl") as fc.Arbitrary<"csv" | "json" | "jsonl">,
        (paths, format) => {
          const columns: ImportMapping["columns"] = {};
          const row: Record<string, unknown> = {};
          const entries: { path: string; value: string }[] = [];
          paths.forEach((path, i) => {
            Object.defineProperty(columns, `c${i}`, { value: { to: "input", path }, enumerable: true, writable: true, configurable: true });
            row[`c${i}`] = `v${i}`;
          });
          const mapping: ImportMapping = { columns, parseJsonCells: true };
          const item = applyMapping(row, mapping, format);
          expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(typeof ({} as { toString: unknown }).toString).toBe("function");
          // Overlapping paths are refused up front; the others build exactly the reference object.
          if (Object.keys(mappingProblems(mapping)).length > 0) return;
          paths.forEach((path, i) => entries.push({ path, value: `v${i}` }));
          expect(sortedJson(item.input)).toBe(reference(entries));
          // Every object on the way is a plain object whose keys are all its own.
          const walk = (value: unknown) => {
            if (value === null || typeof value !== "object") return;
            expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
            for (const key of Object.keys(value)) walk(Object.getOwnPropertyDescriptor(value, key)?.value);
          };
          walk(item.input);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the schema keeps a column named __proto__ as a column (z.record would drop it)", () => {
    const parsed = importMappingSchema.parse(JSON.parse('{"columns":{"__proto__":{"to":"input"},"constructor":{"to":"metadata","path":"prototype"}}}'));
    expect(Object.keys(parsed.columns)).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(parsed.columns)).toBe(Object.prototype);
    const item = applyMapping(JSON.parse('{"__proto__":"x","constructor":"y"}') as Record<string, unknown>, parsed, "json");
    expect(JSON.stringify(item)).toBe('{"input":"x","metadata":{"prototype":"y"}}');
  });

  it("an unmapped key named constructor is not read from the prototype", () => {
    const item = applyMapping({ input: "a", constructor: "b" }, { columns: { input: { to: "input", path: "" } }, parseJsonCells: true }, "csv");
    expect(item).toEqual({ input: "a", expectedOutput: undefined, metadata: undefined });
  });
});

describe("values", () => {
  it("a cell is JSON only when JSON gives back its exact text", () => {
    const cases: [string, unknown][] = [
      ["42", 42],
      ["-5", -5],
      ["true", true],
      ["null", null],
      ['"text"', "text"],
      ['{"a":1}', { a: 1 }],
      ['{"a": [1, 2]}', { a: [1, 2] }],
      ["[1,\n 2]", [1, 2]],
      ["12345678901234567890", "12345678901234567890"],
      ["1.50", "1.50"],
      ["1e5", "1e5"],
      ["-0", "-0"],
      ["007", "007"],
      [" 42", " 42"],
      ["42 ", "42 "],
      ['"caf\\u00e9"', '"caf\\u00e9"'],
      ['{"a":1,"a":2}', '{"a":1,"a":2}'],
      ['{"a": 1.50}', '{"a": 1.50}'],
      ["", ""],
      ["'=SUM(A1)", "=SUM(A1)"],
      ["'-5", -5],
    ];
    for (const [text, expected] of cases) expect([text, cellValue(text, true)]).toEqual([text, expected]);
    expect(cellValue("42", false)).toBe("42");
  });

  it("a cell of JSON nested 100,000 levels deep is read as that JSON without overflowing the stack (the import then refuses it)", () => {
    const levels = 100_000;
    const text = `${"[".repeat(levels)}${"]".repeat(levels)}`;
    const value = cellValue(text, true);
    expect(Array.isArray(value)).toBe(true);
    expect(cellReading(text, true)).toBe("JSON array");
    expect(cellValue(` ${text}`, true)).not.toBe(` ${text}`);
    // Within the depth limit, spacing still decides as before.
    expect(cellValue("[ [1] ]", true)).toEqual([[1]]);
    expect(cellValue("[1.50]", true)).toBe("[1.50]");
  });

  it("property: whatever JSON.stringify writes reads back as the same value; any other text stays text", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(exactJson(text)).toEqual(JSON.parse(text));
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = cellValue(text, true);
        if (typeof value !== "string") expect(JSON.stringify(value)).toBe(JSON.stringify(JSON.parse(text.replace(/^'(?=[=+\-@'\t\r])/, ""))));
      }),
    );
  });
});

describe("default mapping", () => {
  const targets = (columns: string[]) =>
    Object.fromEntries(Object.entries(defaultMapping(columns).columns).map(([c, t]) => [c, t.path ? `${t.to}.${t.path}` : t.to]));

  it("without an input column: question/prompt/query/text, or else the first column, is the input", () => {
    expect(targets(["question", "answer"])).toEqual({ question: "input", answer: "expectedOutput" });
    expect(targets(["id", "Prompt", "target", "lang"])).toEqual({ id: "metadata.id", Prompt: "input", target: "expectedOutput", lang: "metadata.lang" });
    expect(targets(["q", "label"])).toEqual({ q: "input", label: "expectedOutput" });
    expect(targets(["answer", "foo"])).toEqual({ answer: "expectedOutput", foo: "input" });
    expect(targets(["itemId", "input", "expectedOutput", "metadata"])).toEqual({
      itemId: "ignore",
      input: "input",
      expectedOutput: "expectedOutput",
      metadata: "metadata",
    });
  });

  it("only one column fills a field whole; later expected-looking ones go to the metadata", () => {
    expect(targets(["input", "output", "label"])).toEqual({ input: "input", output: "expectedOutput", label: "metadata.label" });
    expect(mappingProblems(defaultMapping(["input", "output", "label", "expected"]))).toEqual({});
  });
});
