import { describe, expect, it } from "vitest";
import { extractNumber } from "./kinds/numeric-closeness";
import { configError, scoreWith } from "./test-helpers";

describe("numeric-closeness", () => {
  it("extracts numbers from JSON numbers and number-like strings", () => {
    expect(extractNumber(42, "whole")).toBe(42);
    expect(extractNumber(" 3.5 ", "whole")).toBe(3.5);
    expect(extractNumber("-1e3", "whole")).toBe(-1000);
    expect(extractNumber("1,234.5", "whole")).toBe(1234.5);
    expect(extractNumber(".5", "whole")).toBe(0.5);
    for (const bad of ["", "abc", "42 apples", "0x10", "Infinity", "NaN", "1e400", "1,2"]) expect(extractNumber(bad, "whole")).toBeNull();
    expect(extractNumber(true, "whole")).toBeNull();
    expect(extractNumber({ value: 1 }, "whole")).toBeNull();
    expect(extractNumber("So 6 × 7 = 42.", "last")).toBe(42);
    expect(extractNumber("So 6 × 7 = 42.", "first")).toBe(6);
    expect(extractNumber("Total: 1,250,000 USD", "first")).toBe(1_250_000);
    expect(extractNumber("no digits", "last")).toBeNull();
  });

  it("scores 1 on an exact match by default and 0 otherwise", async () => {
    expect((await scoreWith({ type: "numeric-closeness" }, "42", 42)).score).toBe(1);
    expect((await scoreWith({ type: "numeric-closeness" }, 0.1 + 0.2, 0.3)).score).toBe(1);
    expect(await scoreWith({ type: "numeric-closeness" }, 43, "42")).toEqual({ score: 0, reason: "43 is 1 away from 42." });
  });

  it("falls off linearly from the tolerance to twice it", async () => {
    const config = { type: "numeric-closeness" as const, params: { absoluteTolerance: 2 } };
    expect((await scoreWith(config, 12, 10)).score).toBe(1);
    expect((await scoreWith(config, 13, 10)).score).toBe(0.5);
    expect((await scoreWith(config, 7, 10)).score).toBe(0.5);
    expect((await scoreWith(config, 14, 10)).score).toBe(0);
    expect((await scoreWith(config, 100, 10)).score).toBe(0);
    expect((await scoreWith({ type: "numeric-closeness", params: { absoluteTolerance: 2, falloff: "none" } }, 13, 10)).score).toBe(0);
  });

  it("uses the larger of absolute and relative tolerance", async () => {
    expect((await scoreWith({ type: "numeric-closeness", params: { relativeTolerance: 0.1 } }, 108, 100)).score).toBe(1);
    expect((await scoreWith({ type: "numeric-closeness", params: { relativeTolerance: 0.1 } }, 115, 100)).score).toBe(0.5);
    expect((await scoreWith({ type: "numeric-closeness", params: { relativeTolerance: 0.1, absoluteTolerance: 20 } }, 115, 100)).score).toBe(1);
    expect((await scoreWith({ type: "numeric-closeness", params: { relativeTolerance: 0.5 } }, 0.1, 0)).score).toBe(0);
  });

  it("takes the expected number from params, and finds answers inside text when asked", async () => {
    expect((await scoreWith({ type: "numeric-closeness", params: { expected: 7 } }, "7", null)).score).toBe(1);
    expect((await scoreWith({ type: "numeric-closeness", params: { extract: "last" } }, "Let me think: 3 + 4 = 7", 7)).score).toBe(1);
  });

  it("scores 0 for non-numeric outputs and errors on a non-numeric or missing expected value", async () => {
    expect(await scoreWith({ type: "numeric-closeness" }, "about forty", 40)).toEqual({ score: 0, reason: 'The output "about forty" is not a number.' });
    expect((await scoreWith({ type: "numeric-closeness" }, "", 40)).score).toBe(0);
    expect((await scoreWith({ type: "numeric-closeness" }, { n: 40 }, 40)).reason).toBe('The output {"n":40} is not a number.');
    expect((await scoreWith({ type: "numeric-closeness", params: { extract: "first" } }, "none", 40)).reason).toBe('The output "none" contains no number.');
    await expect(scoreWith({ type: "numeric-closeness" }, "1", "one")).rejects.toThrow('The expected output "one" is not a number.');
    await expect(scoreWith({ type: "numeric-closeness" }, "1", null)).rejects.toThrow("no expected output");
  });

  it("rejects negative tolerances and unknown options", () => {
    expect(configError({ type: "numeric-closeness", params: { absoluteTolerance: -1 } })).toBe("params.absoluteTolerance: must be 0 or more");
    expect(configError({ type: "numeric-closeness", params: { falloff: "cubic" } })).toBe('params.falloff: must be "none" or "linear"');
    expect(configError({ type: "numeric-closeness", params: { extract: "middle" } })).toBe('params.extract: must be "whole", "first" or "last"');
  });
});

describe("latency-budget", () => {
  it("scores 1 within budget and 0 over it by default", async () => {
    expect((await scoreWith({ type: "latency-budget", params: { budgetMs: 500 } }, "x", null, { latencyMs: 500 })).score).toBe(1);
    expect(await scoreWith({ type: "latency-budget", params: { budgetMs: 500 } }, "x", null, { latencyMs: 501.4 })).toEqual({
      score: 0,
      reason: "Took 501 ms, over the 500 ms budget.",
    });
  });

  it("decays linearly to 0 at twice the budget", async () => {
    const config = { type: "latency-budget" as const, params: { budgetMs: 1000, decay: "linear" as const } };
    expect((await scoreWith(config, "x", null, { latencyMs: 1500 })).score).toBe(0.5);
    expect((await scoreWith(config, "x", null, { latencyMs: 2000 })).score).toBe(0);
    expect((await scoreWith(config, "x", null, { latencyMs: 60_000 })).score).toBe(0);
    expect((await scoreWith(config, "x", null, { latencyMs: 0 })).score).toBe(1);
  });

  it("errors when the latency is unknown", async () => {
    await expect(scoreWith({ type: "latency-budget", params: { budgetMs: 10 } }, "x", null, { latencyMs: Number.NaN })).rejects.toThrow("no latency");
  });

  it("requires a positive budget", () => {
    expect(configError({ type: "latency-budget", params: {} })).toBe("params.budgetMs: is required");
    expect(configError({ type: "latency-budget", params: { budgetMs: 0 } })).toBe("params.budgetMs: must be at least 1 ms");
    expect(configError({ type: "latency-budget" })).toMatch(/^params: /);
  });
});
