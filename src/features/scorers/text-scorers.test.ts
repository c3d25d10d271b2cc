import { describe, expect, it } from "vitest";
import { codePointLength } from "./kinds/length-bounds";
import { configError, scoreWith } from "./test-helpers";

describe("exact-match", () => {
  it("compares with the expected output, trimming by default", async () => {
    expect(await scoreWith({ type: "exact-match" }, "  Paris \n", "Paris")).toEqual({ score: 1 });
    expect((await scoreWith({ type: "exact-match" }, "paris", "Paris")).score).toBe(0);
  });

  it("honours caseSensitive, trim and collapseWhitespace", async () => {
    expect((await scoreWith({ type: "exact-match", params: { caseSensitive: false } }, "PARIS", "paris")).score).toBe(1);
    expect((await scoreWith({ type: "exact-match", params: { trim: false } }, " Paris", "Paris")).score).toBe(0);
    expect((await scoreWith({ type: "exact-match" }, "New  York\tCity", "New York City")).score).toBe(0);
    expect((await scoreWith({ type: "exact-match", params: { collapseWhitespace: true } }, "New  York\n\tCity ", "New York City")).score).toBe(1);
  });

  it("compares non-string outputs as JSON text", async () => {
    expect((await scoreWith({ type: "exact-match" }, { a: 1 }, { a: 1 })).score).toBe(1);
    expect((await scoreWith({ type: "exact-match" }, 42, "42")).score).toBe(1);
    expect((await scoreWith({ type: "exact-match" }, true, "true")).score).toBe(1);
  });

  it("handles empty output and unicode, and fails clearly without an expected output", async () => {
    expect((await scoreWith({ type: "exact-match" }, "", "")).score).toBe(1);
    expect((await scoreWith({ type: "exact-match" }, "", "x")).score).toBe(0);
    expect((await scoreWith({ type: "exact-match", params: { caseSensitive: false } }, "ÉCOLE 😀", "école 😀")).score).toBe(1);
    await expect(scoreWith({ type: "exact-match" }, "x", null)).rejects.toThrow("no expected output");
  });

  it("rejects bad params naming the field", () => {
    expect(configError({ type: "exact-match", params: { trim: "yes" } })).toMatch(/^params\.trim: /);
    expect(configError({ type: "exact-match", threshold: 2 })).toBe("threshold: must be between 0 and 1");
  });
});

describe("contains", () => {
  it("looks for the expected output when no text is given (original behaviour)", async () => {
    expect((await scoreWith({ type: "contains" }, "The capital is PARIS.", "paris")).score).toBe(1);
    const miss = await scoreWith({ type: "contains" }, "The capital is Lyon.", "Paris");
    expect(miss).toEqual({ score: 0, reason: 'The output does not contain "Paris".' });
    await expect(scoreWith({ type: "contains" }, "x", null)).rejects.toThrow("no expected output");
  });

  it("keeps accepting the single `value` form of older runs", async () => {
    expect((await scoreWith({ type: "contains", params: { value: "lyon" } }, "Lyon it is", "Paris")).score).toBe(1);
  });

  it("mode all scores the share found and names the missing texts", async () => {
    const result = await scoreWith({ type: "contains", params: { values: ["alpha", "beta", "gamma", "delta"] } }, "alpha and GAMMA", null);
    expect(result.score).toBe(0.5);
    expect(result.reason).toBe('The output does not contain "beta" and "delta".');
  });

  it("mode any passes on one match", async () => {
    expect((await scoreWith({ type: "contains", params: { values: ["yes", "sure"], mode: "any" } }, "Sure thing", null)).score).toBe(1);
    const miss = await scoreWith({ type: "contains", params: { values: ["yes", "sure"], mode: "any" } }, "No.", null);
    expect(miss).toEqual({ score: 0, reason: 'The output contains none of "yes" and "sure".' });
  });

  it("treats an expected list of strings as the texts to find", async () => {
    expect((await scoreWith({ type: "contains" }, "red, green", ["red", "green", "blue"])).score).toBeCloseTo(2 / 3);
  });

  it("honours caseSensitive and searches non-string outputs as JSON", async () => {
    expect((await scoreWith({ type: "contains", params: { values: ["Paris"], caseSensitive: true } }, "paris", null)).score).toBe(0);
    expect((await scoreWith({ type: "contains", params: { values: ['"city":"Paris"'] } }, { city: "Paris" }, null)).score).toBe(1);
  });

  it("rejects empty and oversized texts and unknown modes", () => {
    expect(configError({ type: "contains", params: { values: [""] } })).toBe("params.values.0: must not be empty");
    expect(configError({ type: "contains", params: { mode: "some" } })).toBe('params.mode: must be "all" or "any"');
    expect(configError({ type: "contains", params: { values: ["x".repeat(10_001)] } })).toBe("params.values.0: must be at most 10000 characters");
  });
});

describe("regex", () => {
  it("scores 1 on a match and names the pattern otherwise", async () => {
    expect((await scoreWith({ type: "regex", params: { pattern: "\\d{3}-\\d{4}" } }, "call 555-1234", null)).score).toBe(1);
    expect(await scoreWith({ type: "regex", params: { pattern: "^\\d+$" } }, "12a", null)).toEqual({ score: 0, reason: "The output does not match /^\\d+$/." });
  });

  it("supports flags i, m, s and ignores g and u", async () => {
    expect((await scoreWith({ type: "regex", params: { pattern: "^hello$", flags: "im" } }, "x\nHELLO\ny", null)).score).toBe(1);
    expect((await scoreWith({ type: "regex", params: { pattern: "a.b", flags: "s" } }, "a\nb", null)).score).toBe(1);
    expect((await scoreWith({ type: "regex", params: { pattern: "a.b" } }, "a\nb", null)).score).toBe(0);
    expect((await scoreWith({ type: "regex", params: { pattern: "abc", flags: "gu" } }, "xabc", null)).score).toBe(1);
  });

  it("mustNotMatch inverts the score", async () => {
    const config = { type: "regex" as const, params: { pattern: "as an ai", flags: "i", mustNotMatch: true } };
    expect((await scoreWith(config, "Here you go.", null)).score).toBe(1);
    expect((await scoreWith(config, "As an AI, I cannot", null)).reason).toMatch(/matches .* which it must not/);
  });

  it("understands JavaScript spellings: named groups, \\u escapes, unicode text", async () => {
    expect((await scoreWith({ type: "regex", params: { pattern: "(?<year>\\d{4})-\\d{2}" } }, "2024-05", null)).score).toBe(1);
    expect((await scoreWith({ type: "regex", params: { pattern: "caf\\u00e9" } }, "un café", null)).score).toBe(1);
    expect((await scoreWith({ type: "regex", params: { pattern: "^.{3}$" } }, "日本😀", null)).score).toBe(1);
    expect((await scoreWith({ type: "regex", params: { pattern: "\\p{Lu}" } }, "ÉTÉ", null)).score).toBe(1);
  });

  it("runs catastrophic patterns in linear time on huge outputs", async () => {
    const started = Date.now();
    const evil = "a".repeat(50_000) + "!";
    expect((await scoreWith({ type: "regex", params: { pattern: "^(a+)+$" } }, evil, null)).score).toBe(0);
    expect((await scoreWith({ type: "regex", params: { pattern: "(a|aa)*b", maxOutputChars: 1_000_000 } }, evil, null)).score).toBe(0);
    expect((await scoreWith({ type: "regex", params: { pattern: "^(\\w+\\s?)*$" } }, `${"word ".repeat(10_000)}!`, null)).score).toBe(0);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("caps how much output it scans, and says so", async () => {
    const output = `${"x".repeat(200)}needle`;
    const result = await scoreWith({ type: "regex", params: { pattern: "needle", maxOutputChars: 100 } }, output, null);
    expect(result).toEqual({ score: 0, reason: "The output does not match /needle/ (scanned the first 100 of 206 characters)." });
  });

  it("matches non-string outputs as JSON text and empty output", async () => {
    expect((await scoreWith({ type: "regex", params: { pattern: '"ok":true' } }, { ok: true }, null)).score).toBe(1);
    expect((await scoreWith({ type: "regex", params: { pattern: "^$" } }, "", null)).score).toBe(1);
  });

  it("rejects lookaround, backreferences, bad syntax and unknown flags at config time", () => {
    expect(configError({ type: "regex", params: { pattern: "foo(?=bar)" } })).toMatch(
      /^params\.pattern: The pattern uses a lookahead \(\?=…\), which is not supported: patterns run on a linear-time engine/,
    );
    expect(configError({ type: "regex", params: { pattern: "(?<!x)y" } })).toMatch(/^params\.pattern: .*negative lookbehind/);
    expect(configError({ type: "regex", params: { pattern: "(a)\\1" } })).toMatch(/^params\.pattern: .*backreference \\1/);
    expect(configError({ type: "regex", params: { pattern: "(?<y>a)\\k<y>" } })).toMatch(/^params\.pattern: .*named backreference/);
    expect(configError({ type: "regex", params: { pattern: "[a-" } })).toMatch(
      /^params\.pattern: The pattern is not a valid regular expression: missing closing \]/,
    );
    expect(configError({ type: "regex", params: { pattern: "a", flags: "y" } })).toBe(
      'params.flags: Unknown flag "y": flags may use i, m and s (g and u are accepted and change nothing)',
    );
    expect(configError({ type: "regex", params: { pattern: "" } })).toBe("params.pattern: is required");
    expect(configError({ type: "regex", params: {} })).toBe("params.pattern: is required");
  });

  it("does not mistake escaped or bracketed characters for lookaround or backreferences", () => {
    expect(configError({ type: "regex", params: { pattern: "\\(?=x" } })).toBeNull();
    expect(configError({ type: "regex", params: { pattern: "[(?=]" } })).toBeNull();
    // A literal backslash followed by 1.
    expect(configError({ type: "regex", params: { pattern: "\\\\1" } })).toBeNull();
  });
});

describe("levenshtein", () => {
  it("scores 1 − distance / longer length", async () => {
    expect(await scoreWith({ type: "levenshtein" }, "kitten", "sitting")).toEqual({ score: 1 - 3 / 7, reason: "3 edits from the expected output." });
    expect(await scoreWith({ type: "levenshtein" }, "", "")).toEqual({ score: 1 });
    expect((await scoreWith({ type: "levenshtein" }, "", "abc")).score).toBe(0);
    expect((await scoreWith({ type: "levenshtein", params: { caseSensitive: false } }, "ABC", "abc")).score).toBe(1);
  });

  it("refuses texts over maxLength instead of blocking the process", async () => {
    await expect(scoreWith({ type: "levenshtein", params: { maxLength: 1000 } }, "a".repeat(1001), "b")).rejects.toThrow(
      "Too long to compare: 1001 characters",
    );
  });
});

describe("length-bounds", () => {
  it("scores 1 within bounds and says which bound failed", async () => {
    expect((await scoreWith({ type: "length-bounds", params: { min: 2, max: 5 } }, "abc", null)).score).toBe(1);
    expect(await scoreWith({ type: "length-bounds", params: { min: 2 } }, "a", null)).toEqual({
      score: 0,
      reason: "The output has 1 character, fewer than the minimum of 2.",
    });
    expect(await scoreWith({ type: "length-bounds", params: { max: 3 } }, "abcd", null)).toEqual({
      score: 0,
      reason: "The output has 4 characters, more than the maximum of 3.",
    });
  });

  it("counts code points, JSON text for non-strings, and the empty output", async () => {
    expect(codePointLength("😀é日")).toBe(3);
    expect(codePointLength("\ud800")).toBe(1);
    expect((await scoreWith({ type: "length-bounds", params: { max: 2 } }, "😀😀", null)).score).toBe(1);
    expect((await scoreWith({ type: "length-bounds", params: { max: 7 } }, { a: 1 }, null)).score).toBe(1);
    expect((await scoreWith({ type: "length-bounds", params: { min: 1 } }, "", null)).score).toBe(0);
    expect((await scoreWith({ type: "length-bounds", params: { min: 0, max: 0 } }, "", null)).score).toBe(1);
  });

  it("handles a huge output", async () => {
    expect((await scoreWith({ type: "length-bounds", params: { max: 5_000_000 } }, "x".repeat(5_000_001), null)).score).toBe(0);
  });

  it("needs a bound, and min ≤ max", () => {
    expect(configError({ type: "length-bounds", params: {} })).toBe("params.min: set min, max or both");
    expect(configError({ type: "length-bounds", params: { min: 5, max: 2 } })).toBe("params.max: must be at least min (5)");
    expect(configError({ type: "length-bounds", params: { min: -1 } })).toBe("params.min: must be 0 or more");
  });
});
