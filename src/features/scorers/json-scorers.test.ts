import { describe, expect, it } from "vitest";
import { diffJson } from "./kinds/json-equal";
import { stripCodeFence } from "./text";
import { configError, scoreWith } from "./test-helpers";

describe("json-valid", () => {
  it("accepts JSON text and outputs that already are JSON", async () => {
    expect((await scoreWith({ type: "json-valid" }, '{"a": [1, 2]}', null)).score).toBe(1);
    expect((await scoreWith({ type: "json-valid" }, " 42 ", null)).score).toBe(1);
    expect((await scoreWith({ type: "json-valid" }, { a: 1 }, null)).score).toBe(1);
    expect((await scoreWith({ type: "json-valid" }, [1, "x"], null)).score).toBe(1);
    expect((await scoreWith({ type: "json-valid" }, 3.5, null)).score).toBe(1);
  });

  it("rejects text that does not parse, with the parser's message", async () => {
    const result = await scoreWith({ type: "json-valid" }, "{a: 1}", null);
    expect(result.score).toBe(0);
    expect(result.reason).toMatch(/^The output is not valid JSON: /);
    expect((await scoreWith({ type: "json-valid" }, "", null)).score).toBe(0);
    expect((await scoreWith({ type: "json-valid" }, "hello", null)).score).toBe(0);
  });

  it("accepts a code fence only when allowed", async () => {
    const fenced = 'Here it is:\n```json\n{"ok": true}\n```\n';
    expect((await scoreWith({ type: "json-valid" }, fenced, null)).score).toBe(0);
    expect((await scoreWith({ type: "json-valid", params: { allowCodeFence: true } }, fenced, null)).score).toBe(1);
  });

  it("strips fences without a regex blow-up on many backticks", () => {
    expect(stripCodeFence('```{"a":1}```')).toBe('{"a":1}');
    expect(stripCodeFence("```\n[1]\n```")).toBe("[1]");
    expect(stripCodeFence("no fence")).toBe("no fence");
    const started = Date.now();
    stripCodeFence("``` ".repeat(200_000));
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe("json-schema", () => {
  const schema = {
    type: "object",
    properties: { name: { type: "string" }, age: { type: "integer", minimum: 0 }, email: { type: "string", format: "email" } },
    required: ["name", "age"],
    additionalProperties: false,
  };

  it("scores 1 for a conforming output, text or JSON", async () => {
    expect((await scoreWith({ type: "json-schema", params: { schema } }, { name: "Ada", age: 36 }, null)).score).toBe(1);
    expect((await scoreWith({ type: "json-schema", params: { schema } }, '{"name":"Ada","age":36,"email":"ada@example.com"}', null)).score).toBe(1);
  });

  it("lists the first violations as the reason", async () => {
    const result = await scoreWith({ type: "json-schema", params: { schema, maxErrors: 2 } }, { age: -1, extra: true, email: "nope" }, null);
    expect(result.score).toBe(0);
    expect(result.reason).toMatch(/^The output does not match the schema: /);
    expect(result.reason).toContain("$ must have required property 'name'");
    expect(result.reason).toMatch(/and \d+ more\.$/);
    const nested = await scoreWith({ type: "json-schema", params: { schema: { type: "array", items: { type: "string" } } } }, ["a", 2], null);
    expect(nested.reason).toBe("The output does not match the schema: $[1] must be string.");
    const extra = await scoreWith({ type: "json-schema", params: { schema } }, { name: "x", age: 1, nick: "y" }, null);
    expect(extra.reason).toContain('$ must NOT have additional properties ("nick")');
  });

  it("says when a text output is not JSON, or validates the string itself when asked", async () => {
    expect((await scoreWith({ type: "json-schema", params: { schema } }, "not json", null)).reason).toMatch(/^The output is not valid JSON/);
    expect((await scoreWith({ type: "json-schema", params: { schema: { type: "string", maxLength: 3 }, parseStringOutput: false } }, "abc", null)).score).toBe(
      1,
    );
    expect((await scoreWith({ type: "json-schema", params: { schema: { type: "string" } } }, '"abc"', null)).score).toBe(1);
  });

  it("supports 2020-12 schemas and boolean schemas", async () => {
    const modern = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [{ type: "number" }], items: false };
    expect((await scoreWith({ type: "json-schema", params: { schema: modern } }, [1], null)).score).toBe(1);
    expect((await scoreWith({ type: "json-schema", params: { schema: modern } }, [1, 2], null)).score).toBe(0);
    expect((await scoreWith({ type: "json-schema", params: { schema: true } }, "null", null)).score).toBe(1);
    expect((await scoreWith({ type: "json-schema", params: { schema: false } }, "null", null)).score).toBe(0);
  });

  it("tolerates real-world extra keywords and repeated $id across runs", async () => {
    const withExtras = { $id: "https://example.com/person", type: "object", example: { a: 1 }, nullable: true };
    expect((await scoreWith({ type: "json-schema", params: { schema: withExtras } }, {}, null)).score).toBe(1);
    expect((await scoreWith({ type: "json-schema", params: { schema: { ...withExtras, title: "again" } } }, {}, null)).score).toBe(1);
  });

  it("runs schema patterns on the linear-time engine", async () => {
    const evil = { type: "string", pattern: "^(a+)+$" };
    const started = Date.now();
    expect((await scoreWith({ type: "json-schema", params: { schema: evil } }, JSON.stringify(`${"a".repeat(100_000)}!`), null)).score).toBe(0);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("rejects an invalid schema at config time with the field and Ajv's message", () => {
    expect(configError({ type: "json-schema", params: { schema: { type: "strnig" } } })).toMatch(
      /^params\.schema: is not a valid JSON Schema: schema is invalid: data\/type must be equal to one of the allowed values/,
    );
    expect(configError({ type: "json-schema", params: { schema: { $ref: "#/definitions/missing" } } })).toMatch(
      /^params\.schema: is not a valid JSON Schema: can't resolve reference/,
    );
    expect(configError({ type: "json-schema", params: { schema: { type: "string", pattern: "(?=a)" } } })).toMatch(
      /^params\.schema: is not a valid JSON Schema: .*lookahead/,
    );
    expect(configError({ type: "json-schema", params: { schema: { $schema: "http://json-schema.org/draft-04/schema#" } } })).toMatch(
      /draft-04 and older are not supported/,
    );
    expect(configError({ type: "json-schema", params: { schema: "object" } })).toBe("params.schema: must be a JSON Schema (an object or a boolean)");
    expect(configError({ type: "json-schema", params: {} })).toBe("params.schema: must be a JSON Schema (an object or a boolean)");
  });
});

describe("json-equal", () => {
  it("scores 1 for deep-equal JSON, whatever the key order or text form", async () => {
    expect(await scoreWith({ type: "json-equal" }, '{"b": [1, {"c": null}], "a": "x"}', { a: "x", b: [1, { c: null }] })).toEqual({ score: 1 });
    expect((await scoreWith({ type: "json-equal" }, { a: {}, b: [] }, { b: [], a: {} })).score).toBe(1);
    expect((await scoreWith({ type: "json-equal" }, "plain text", "plain text")).score).toBe(1);
    expect((await scoreWith({ type: "json-equal" }, 1.0, "1")).score).toBe(1);
  });

  it("gives the share of matching leaves and names the differing paths", async () => {
    const result = await scoreWith({ type: "json-equal" }, { a: 1, b: 3, c: { d: "x" }, extra: true }, { a: 1, b: 2, c: { d: "x", e: [1, 2] } });
    // Leaves: a ✓, b ✗, c.d ✓, c.e[0] missing, c.e[1] missing, extra ✗ → 2 of 6.
    expect(result.score).toBeCloseTo(2 / 6);
    expect(result.reason).toBe("2 of 6 values match: $.b is 3, expected 2; $.c.e is missing; $.extra is unexpected.");
  });

  it("ignores extra keys when asked, but not extra array items", async () => {
    const config = { type: "json-equal" as const, params: { ignoreExtraKeys: true } };
    expect((await scoreWith(config, { a: 1, debug: { trace: [1, 2] } }, { a: 1 })).score).toBe(1);
    expect((await scoreWith(config, { tags: ["a", "b"] }, { tags: ["a"] })).score).toBe(0.5);
    expect((await scoreWith(config, { a: {} }, { a: {} })).score).toBe(1);
    expect((await scoreWith(config, { x: 1 }, {})).score).toBe(1);
  });

  it("reports type mismatches and odd keys readably", async () => {
    const result = await scoreWith({ type: "json-equal" }, { "odd key": "1", list: { 0: "a" } }, { "odd key": 1, list: ["a"] });
    expect(result.score).toBe(0);
    expect(result.reason).toContain('$["odd key"] is "1", expected 1 (number vs string)');
    expect(result.reason).toContain('$.list is {"0":"a"}, expected ["a"] (array vs object)');
  });

  it("lists at most five paths", async () => {
    const expected = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, i]));
    const result = await scoreWith({ type: "json-equal" }, {}, expected);
    expect(result.score).toBe(0);
    expect(result.reason).toMatch(/; and 3 more\.$/);
  });

  it("handles unicode, fenced output, empty output and a missing expected output", async () => {
    expect((await scoreWith({ type: "json-equal" }, { clé: "été 😀" }, { clé: "été 😀" })).score).toBe(1);
    expect((await scoreWith({ type: "json-equal", params: { allowCodeFence: true } }, '```json\n{"a":1}\n```', { a: 1 })).score).toBe(1);
    expect((await scoreWith({ type: "json-equal" }, "", { a: 1 })).score).toBe(0);
    await expect(scoreWith({ type: "json-equal" }, { a: 1 }, null)).rejects.toThrow("no expected output");
  });

  it("compares large documents and refuses absurd nesting without a stack overflow", async () => {
    const big = { items: Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `item ${i}` })) };
    const changed = structuredClone(big);
    changed.items[7]!.name = "changed";
    expect((await scoreWith({ type: "json-equal" }, changed, big)).score).toBeCloseTo(39_999 / 40_000);
    const deep = `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    await expect(scoreWith({ type: "json-equal" }, deep, [[1]])).rejects.toThrow("nested more than 200 levels");
  });

  it("diffJson counts a missing subtree by its leaves", () => {
    expect(diffJson({ a: { b: 1, c: 2 } }, {}, { ignoreExtraKeys: false })).toEqual({ total: 2, matched: 0, differences: ["$.a is missing"] });
  });
});
