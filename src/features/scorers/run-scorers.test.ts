import { afterEach, describe, expect, it } from "vitest";
import { json, startHttpTarget } from "@/test/http-target";
import { prepareScorers, runScorers, type PreparedScorer } from "./run-scorers";
import { scorerListSchema, type ScorerConfigInput } from "./schemas";
import { context } from "./test-helpers";
import type { ScoreContext } from "./types";

const NO_USAGE = { promptTokens: null, completionTokens: null, costUsd: null };

function prepare(configs: ScorerConfigInput[]): PreparedScorer[] {
  return prepareScorers(scorerListSchema.parse(configs));
}

function run(configs: ScorerConfigInput[], overrides: Partial<ScoreContext>) {
  return runScorers(prepare(configs), context(overrides));
}

let server: Awaited<ReturnType<typeof startHttpTarget>> | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe("runScorers", () => {
  it("returns one outcome per scorer, in list order, with passed from the threshold", async () => {
    const outcomes = await run(
      [
        { type: "exact-match", name: "exact" },
        { type: "levenshtein", name: "similar", threshold: 0.5 },
        { type: "contains", name: "has", params: { values: ["Par"] } },
      ],
      { output: "Paris!", expectedOutput: "Paris" },
    );
    expect(outcomes).toEqual([
      { name: "exact", value: 0, passed: false, reason: "The output differs from the expected output.", error: null, skipped: false, ...NO_USAGE },
      { name: "similar", value: 1 - 1 / 6, passed: true, reason: "1 edit from the expected output.", error: null, skipped: false, ...NO_USAGE },
      { name: "has", value: 1, passed: true, reason: null, error: null, skipped: false, ...NO_USAGE },
    ]);
  });

  it("isolates errors: a throwing scorer errors on its own score only", async () => {
    const outcomes = await run(
      [
        { type: "exact-match", name: "exact" },
        { type: "length-bounds", name: "short", params: { max: 100 } },
      ],
      { output: "x", expectedOutput: null },
    );
    expect(outcomes[0]).toEqual({
      name: "exact",
      value: null,
      passed: null,
      reason: null,
      error: "This item has no expected output to compare with.",
      skipped: false,
      ...NO_USAGE,
    });
    expect(outcomes[1]).toMatchObject({ name: "short", value: 1, passed: true, error: null });
  });

  it("turns out-of-range scores and non-Error throws from custom scorers into errors", async () => {
    const scorers: PreparedScorer[] = [
      { config: scorerListSchema.parse([{ type: "json-valid", name: "a" }])[0]!, score: () => ({ score: 1.2 }) },
      { config: scorerListSchema.parse([{ type: "json-valid", name: "b" }])[0]!, score: () => ({ score: Number.NaN }) },
      {
        config: scorerListSchema.parse([{ type: "json-valid", name: "c" }])[0]!,
        score: () => {
          throw "plain string";
        },
      },
      { config: scorerListSchema.parse([{ type: "json-valid", name: "d" }])[0]!, score: () => Promise.reject(new Error("")) },
    ];
    const outcomes = await runScorers(scorers, context({ output: "{}" }));
    expect(outcomes.map((o) => o.error)).toEqual([
      "Scorer returned 1.2; expected a number from 0 to 1.",
      "Scorer returned NaN; expected a number from 0 to 1.",
      "plain string",
      "The scorer failed.",
    ]);
  });

  it("runs independent slow scorers concurrently", async () => {
    server = await startHttpTarget(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      json(res, 200, { score: 1 });
    });
    const remote = (name: string): ScorerConfigInput => ({ type: "http", name, params: { url: server!.url } });
    const started = Date.now();
    const outcomes = await run([remote("r1"), remote("r2"), remote("r3")], { output: "x" });
    expect(outcomes.map((o) => o.value)).toEqual([1, 1, 1]);
    expect(Date.now() - started).toBeLessThan(800);
  });
});

describe("gated scorers", () => {
  const judgeLike = (requires: string[], name = "remote"): ScorerConfigInput => ({ type: "http", name, gate: { requires }, params: { url: server!.url } });

  async function startRemote() {
    server = await startHttpTarget((_req, res) => json(res, 200, { score: 0.9, reason: "remote says fine" }));
  }

  it("runs when every required scorer passed", async () => {
    await startRemote();
    const outcomes = await run(
      [{ type: "json-valid", name: "valid" }, { type: "length-bounds", name: "short", params: { max: 50 } }, judgeLike(["valid", "short"])],
      { output: '{"a":1}' },
    );
    expect(outcomes[2]).toEqual({ name: "remote", value: 0.9, passed: true, reason: "remote says fine", error: null, skipped: false, ...NO_USAGE });
    expect(server!.requests()).toBe(1);
  });

  it("is skipped, without calling out, when a required scorer failed", async () => {
    await startRemote();
    const outcomes = await run(
      [{ type: "json-valid", name: "valid" }, { type: "length-bounds", name: "short", params: { max: 3 } }, judgeLike(["valid", "short"])],
      { output: "not json" },
    );
    expect(outcomes[2]).toEqual({
      name: "remote",
      value: null,
      passed: null,
      reason: "Skipped: valid, short did not pass",
      error: null,
      skipped: true,
      ...NO_USAGE,
    });
    expect(server!.requests()).toBe(0);
  });

  it("treats a required scorer that errored as not passed", async () => {
    await startRemote();
    const outcomes = await run([{ type: "exact-match", name: "exact" }, judgeLike(["exact"])], { output: "x", expectedOutput: null });
    expect(outcomes[0]!.error).not.toBeNull();
    expect(outcomes[1]).toMatchObject({ skipped: true, reason: "Skipped: exact did not pass" });
  });

  it("chains: a scorer gated on a skipped scorer is skipped too", async () => {
    await startRemote();
    const chain: ScorerConfigInput[] = [{ type: "json-valid", name: "valid" }, judgeLike(["valid"], "judge-a"), judgeLike(["judge-a"], "judge-b")];
    const failing = await run(chain, { output: "nope" });
    expect(failing.map((o) => [o.name, o.skipped, o.reason])).toEqual([
      ["valid", false, expect.stringMatching(/^The output is not valid JSON/)],
      ["judge-a", true, "Skipped: valid did not pass"],
      ["judge-b", true, "Skipped: judge-a did not pass"],
    ]);
    const passing = await run(chain, { output: "[]" });
    expect(passing.map((o) => o.passed)).toEqual([true, true, true]);
    expect(server!.requests()).toBe(2);
  });

  it("uses the required scorer's threshold, not a perfect score", async () => {
    await startRemote();
    const outcomes = await run([{ type: "levenshtein", name: "close", threshold: 0.5 }, judgeLike(["close"])], { output: "Pariss", expectedOutput: "Paris" });
    expect(outcomes[1]!.skipped).toBe(false);
  });

  it("prepareScorers refuses a gate on a later or unknown scorer even without the list schema", () => {
    const [first, second] = scorerListSchema.parse([
      { type: "json-valid", name: "a" },
      { type: "json-valid", name: "b" },
    ]);
    expect(() => prepareScorers([{ ...first!, gate: { requires: ["b"] } }, second!])).toThrow(
      'Scorer "a" is gated on "b", which is not a scorer listed before it.',
    );
  });
});
