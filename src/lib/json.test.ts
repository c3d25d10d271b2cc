import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXTREME_NUMBERS, HOSTILE_STRINGS, jsonArb } from "@/test/json-arbitraries";
import { fromStoredJson, STORED_JSON_KEY, toStoredJson, toStoredJsonText, wellFormedText, type JsonValue } from "./json";

/** Same JSON, key order included; JSON.stringify escapes lone surrogates and NUL, so this compares them exactly. */
const same = (actual: unknown, expected: unknown) => expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What a stored form must never hold, whichever database keeps it: a NUL or a
 * lone surrogate in a string or key (PostgreSQL's jsonb refuses both, Prisma's
 * engine the second) or a `__proto__` key (Prisma's Json writes drop it).
 */
function unstorable(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === "string") {
      if (node.includes("\u0000")) return "a NUL in a string";
      if (LONE.test(node)) return "a lone surrogate in a string";
    } else if (Array.isArray(node)) stack.push(...(node as unknown[]));
    else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (key === "__proto__") return "a __proto__ key";
        if (key.includes("\u0000") || LONE.test(key)) return "a NUL or lone surrogate in a key";
        stack.push(child);
      }
    }
  }
  return null;
}

describe("the storage rule", () => {
  it("toStoredJson → fromStoredJson gives back any JSON value, and the stored form holds nothing a database refuses", () => {
    fc.assert(
      fc.property(jsonArb, (value) => {
        const stored = toStoredJson(value);
        expect(unstorable(stored)).toBeNull();
        same(fromStoredJson(stored), value);
      }),
      { numRuns: 500 },
    );
  });

  it("toStoredJsonText (raw SQL) applies the same rule: JSON.parse → fromStoredJson gives back the value", () => {
    fc.assert(
      fc.property(jsonArb, (value) => {
        const text = toStoredJsonText(value);
        expect(text).toBe(JSON.stringify(toStoredJson(value)));
        const parsed = JSON.parse(text) as unknown;
        expect(unstorable(parsed)).toBeNull();
        same(fromStoredJson(parsed), value);
      }),
      { numRuns: 500 },
    );
  });

  it("envelopes NUL in a string or a key, wherever it is, and only what needs it", () => {
    for (const value of ["\u0000", { a: ["x\u0000y"] }, JSON.parse('{"k\\u0000":1}') as JsonValue, [[{ deep: "\u0000" }]]]) {
      const stored = toStoredJson(value);
      expect(stored).toEqual({ [STORED_JSON_KEY]: JSON.stringify(value) });
      // The envelope's text escapes the NUL: the stored text holds no NUL character, escaped or not.
      expect(JSON.parse(toStoredJsonText(value))).toEqual(stored);
      expect(toStoredJsonText(value)).not.toContain("\u0000");
    }
    for (const plain of ["text", 42, { a: [1, "b", null, true] }, "😀", [{ constructor: 1, prototype: 2 }]]) expect(toStoredJson(plain)).toBe(plain);
  });

  it("raw SQL text envelopes exactly what Prisma writes envelope: lone surrogates, extreme floats, __proto__ keys, envelope-shaped values", () => {
    const values: JsonValue[] = [
      "\ud83d",
      ...EXTREME_NUMBERS.filter((n) => toStoredJson(n) !== n),
      JSON.parse('{"__proto__":1}') as JsonValue,
      { [STORED_JSON_KEY]: "x" },
    ];
    for (const value of values) expect(JSON.parse(toStoredJsonText(value))).toEqual({ [STORED_JSON_KEY]: JSON.stringify(value) });
    expect(toStoredJson(2.3557373669636552e-294)).toEqual({ [STORED_JSON_KEY]: "2.3557373669636552e-294" });
  });
});

describe("wellFormedText", () => {
  it("replaces lone surrogates and NUL with U+FFFD and keeps whole pairs", () => {
    expect(wellFormedText("a\u0000b")).toBe("a\uFFFDb");
    expect(wellFormedText("cut \ud83d")).toBe("cut \uFFFD");
    expect(wellFormedText("\ude00\u0000\ud83d\ude00")).toBe("\uFFFD\uFFFD\ud83d\ude00");
    expect(wellFormedText("plain 😀")).toBe("plain 😀");
  });

  it("always gives text without NUL or lone surrogates, of the same length", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: "binary" })), (text) => {
        const out = wellFormedText(text);
        expect(out).toHaveLength(text.length);
        expect(out.includes("\u0000") || LONE.test(out)).toBe(false);
      }),
    );
  });
});
