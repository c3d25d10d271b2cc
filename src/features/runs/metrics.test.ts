import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFlaky, itemMove, nearestRankIndex, percentile, scoreFigures } from "./metrics";

const none = { valueSum: 0, scored: 0, passed: 0, targetErrors: 0, scorerErrors: 0, skipped: 0 };

describe("score figures", () => {
  it("counts target errors as 0 and not passed, and keeps the answered-only figures apart", () => {
    // 200 items: 94 answered correctly, 106 errored (the case a naive mean reports as 1.000).
    const f = scoreFigures({ ...none, valueSum: 94, scored: 94, passed: 94, targetErrors: 106 });
    expect(f).toEqual({ counted: 200, mean: 0.47, passRate: 0.47, answeredMean: 1, answeredPassRate: 1 });
  });

  it("leaves skipped and uncomputed scores out of both figures", () => {
    const f = scoreFigures({ ...none, valueSum: 1.5, scored: 3, passed: 1, targetErrors: 1, scorerErrors: 5, skipped: 7 });
    expect(f).toEqual({ counted: 4, mean: 1.5 / 4, passRate: 1 / 4, answeredMean: 0.5, answeredPassRate: 1 / 3 });
  });

  it("has no figure when nothing was counted, and 0 when everything errored", () => {
    expect(scoreFigures(none)).toMatchObject({ counted: 0, mean: null, passRate: null, answeredMean: null });
    expect(scoreFigures({ ...none, targetErrors: 3 })).toMatchObject({ counted: 3, mean: 0, passRate: 0, answeredMean: null, answeredPassRate: null });
  });

  it("keeps every figure within [0, 1] and the all-items mean at or below the answered mean", () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), fc.double({ min: 0, max: 1, noNaN: true }), (scored, errors, passedSeed, avg) => {
        const passed = scored === 0 ? 0 : passedSeed % (scored + 1);
        const f = scoreFigures({ ...none, valueSum: avg * scored, scored, passed, targetErrors: errors });
        for (const v of [f.mean, f.passRate, f.answeredMean, f.answeredPassRate]) if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
        if (f.mean !== null && f.answeredMean !== null) expect(f.mean).toBeLessThanOrEqual(f.answeredMean + 1e-12);
      }),
    );
  });
});

describe("flaky", () => {
  it("is an item that passed in some repetitions and did not in others, an error counting as not passed", () => {
    expect(isFlaky({ scored: 5, passed: 3, targetErrors: 0 })).toBe(true);
    expect(isFlaky({ scored: 4, passed: 4, targetErrors: 1 })).toBe(true);
    expect(isFlaky({ scored: 5, passed: 5, targetErrors: 0 })).toBe(false);
    expect(isFlaky({ scored: 5, passed: 0, targetErrors: 0 })).toBe(false);
    expect(isFlaky({ scored: 0, passed: 0, targetErrors: 5 })).toBe(false);
    expect(isFlaky({ scored: 1, passed: 1, targetErrors: 0 })).toBe(false);
  });
});

describe("nearest-rank percentiles", () => {
  it("takes the slowest of 25 for p99, the 13th for p50 and the 24th for p95", () => {
    const values = Array.from({ length: 25 }, (_, i) => (i + 1) * 10);
    expect(percentile(values, 0.99)).toBe(250);
    expect(percentile(values, 0.95)).toBe(240);
    expect(percentile(values, 0.5)).toBe(130);
  });

  it("handles tiny and exact cases", () => {
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([], 0.5)).toBeNull();
    expect(nearestRankIndex(100, 0.99)).toBe(98);
    expect(nearestRankIndex(100, 1)).toBe(99);
    expect(nearestRankIndex(3, 0)).toBe(0);
  });
});

describe("item moves", () => {
  const answered = (value: number) => ({ value, allErrored: false });
  const errored = { value: 0, allErrored: true };
  it("makes a candidate error where the baseline answered a regression, and the reverse an improvement", () => {
    expect(itemMove(answered(1), errored, 1e-9)).toBe("regressed");
    // Even against a wrong baseline answer: an error is worse than an answer.
    expect(itemMove(answered(0), errored, 1e-9)).toBe("regressed");
    expect(itemMove(errored, answered(0.4), 1e-9)).toBe("improved");
    expect(itemMove(errored, errored, 1e-9)).toBe("unchanged");
  });

  it("otherwise follows the delta of the per-item values, within epsilon unchanged", () => {
    expect(itemMove(answered(0.8), answered(0.6), 1e-9)).toBe("regressed");
    expect(itemMove(answered(0.6), answered(0.8), 1e-9)).toBe("improved");
    expect(itemMove(answered(0.6), answered(0.6 + 1e-12), 1e-9)).toBe("unchanged");
    expect(itemMove({ value: null, allErrored: false }, answered(1), 1e-9)).toBeNull();
  });
});
