import { describe, expect, it } from "vitest";
import { SECRET_MASK } from "@/features/targets";
import { isSealed } from "@/server/secrets";
import {
  maskRunConfig,
  openRunConfig,
  parseRunConfig,
  refuseMaskedSecrets,
  RunConfigError,
  runScorerNames,
  runScorerOrder,
  runTargetKind,
  sealRunConfig,
  storedRunConfig,
} from "./run-config";

const settings = { concurrency: 2, timeoutMs: 1000, retries: 0, repetitions: 1 };
const target = { kind: "openai-chat", baseUrl: "https://llm.example.com/v1", apiKey: "sk-target", model: "m" };
const judge = {
  type: "llm-judge",
  name: "judge",
  params: { baseUrl: "https://llm.example.com/v1", apiKey: "sk-judge", model: "m", rubric: "Grade {{output}}" },
};

describe("run config", () => {
  it("names the invalid part of a stored config", () => {
    const parse = (stored: { target: unknown; scorers: unknown; settings: unknown }) => () => parseRunConfig(stored);
    expect(parse({ target: { kind: "nope" }, scorers: [], settings })).toThrow(RunConfigError);
    expect(parse({ target: { kind: "nope" }, scorers: [], settings })).toThrow(/^The run's target configuration is invalid: /);
    expect(parse({ target: { kind: "echo" }, scorers: [{ type: "nope" }], settings })).toThrow(/^The run's scorer configuration is invalid: /);
    expect(parse({ target: { kind: "echo" }, scorers: [], settings: { concurrency: 0 } })).toThrow(/^The run's settings are invalid: must be at least 1$/);
  });

  it("applies the scorer list rules only for execution", () => {
    const twice = { target: { kind: "echo" }, scorers: [{ type: "exact-match" }, { type: "exact-match" }], settings };
    expect(parseRunConfig(twice).scorers).toHaveLength(2);
    expect(() => parseRunConfig(twice, "execute")).toThrow(/Scorer name "exact-match" is used twice/);
  });

  it("seals secrets for storage, opens them for execution and masks them for answers", () => {
    const config = parseRunConfig({ target, scorers: [judge], settings });
    const sealed = sealRunConfig(config);
    const sealedTarget = sealed.target as Extract<typeof sealed.target, { kind: "openai-chat" }>;
    const sealedJudge = sealed.scorers[0] as Extract<(typeof sealed.scorers)[number], { type: "llm-judge" }>;
    expect(isSealed(sealedTarget.apiKey)).toBe(true);
    expect(isSealed(sealedJudge.params.apiKey)).toBe(true);
    // Sealing twice (a saved target's config is sealed already) changes nothing.
    expect(sealRunConfig(sealed)).toEqual(sealed);

    const stored = JSON.parse(JSON.stringify(storedRunConfig(config))) as typeof sealed;
    expect(openRunConfig(parseRunConfig(stored, "execute"))).toEqual(config);
    expect(isSealed((stored.target as typeof sealedTarget).apiKey)).toBe(true);
    expect(openRunConfig(parseRunConfig(stored, "execute"))).toEqual(config);
    const masked = maskRunConfig(parseRunConfig(stored));
    expect(masked.target).toMatchObject({ apiKey: SECRET_MASK });
    expect(masked.scorers[0]).toMatchObject({ params: { apiKey: SECRET_MASK } });
    expect(masked.settings).toEqual(settings);
  });

  it("reads names and the target kind without failing on a bad row", () => {
    expect(runScorerNames([{ type: "exact-match" }, { type: "contains", name: "has it", params: { value: "x" } }])).toEqual(["exact-match", "has it"]);
    expect(runScorerNames("garbage")).toEqual([]);
    expect(runScorerOrder([{ type: "exact-match" }, { type: "contains", name: "has it", params: { value: "x" } }])).toEqual(
      new Map([
        ["exact-match", 0],
        ["has it", 1],
      ]),
    );
    expect(runScorerOrder("garbage").size).toBe(0);
    expect(runTargetKind({ kind: "http" })).toBe("http");
    expect(runTargetKind(null)).toBeNull();
  });

  it("refuses a new run whose inline target or scorers still hold a masked secret", () => {
    const masked = maskRunConfig(parseRunConfig({ target, scorers: [judge], settings }));
    const plain = parseRunConfig({ target, scorers: [judge], settings });
    expect(() => refuseMaskedSecrets({ target: masked.target, scorers: plain.scorers })).toThrow(/^target: a secret is masked/);
    expect(() => refuseMaskedSecrets({ target: null, scorers: masked.scorers })).toThrow(/^scorers: a secret is masked/);
    expect(() => refuseMaskedSecrets({ target: plain.target, scorers: plain.scorers })).not.toThrow();
  });
});
