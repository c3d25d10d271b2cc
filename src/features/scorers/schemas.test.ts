import { describe, expect, it } from "vitest";
import { SECRET_MASK } from "@/features/targets/schemas";
import { mapScorerSecrets, maskScorerConfig, SCORER_SECRET_FIELDS, SCORER_TYPES, scorerConfigSchema, scorerListSchema, scorerSecretPaths, type ScorerConfig } from "./schemas";
import { configError } from "./test-helpers";

function listErrors(configs: unknown[]): string[] {
  const result = scorerListSchema.safeParse(configs);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("scorer list", () => {
  it("validates gates: names must exist and come earlier", () => {
    expect(
      listErrors([
        { type: "json-valid", name: "valid" },
        { type: "json-valid", name: "later-ok", gate: { requires: ["valid"] } },
        { type: "json-valid", name: "judge", gate: { requires: ["valid", "x", "after", "judge"] } },
        { type: "json-valid", name: "after" },
      ]),
    ).toEqual([
      // Inside a run's input these paths start with "scorers.", e.g. scorers.2.gate.requires.1.
      '2.gate.requires.1: no scorer named "x" before this one',
      '2.gate.requires.2: "after" comes after this one; a gate can only require scorers listed before it',
      "2.gate.requires.3: a scorer cannot require itself",
    ]);
  });

  it("rejects an empty gate and duplicate names", () => {
    expect(listErrors([{ type: "json-valid", gate: { requires: [] } }])).toEqual(["0.gate.requires: name at least one earlier scorer"]);
    expect(listErrors([{ type: "json-valid" }, { type: "json-valid" }])).toEqual(['1.name: Scorer name "json-valid" is used twice; names must be unique within a run']);
  });

  it("accepts configs stored before the new options existed", () => {
    const stored = [
      { type: "exact-match", name: "exact-match", threshold: 1, params: { caseSensitive: true, trim: true } },
      { type: "contains", name: "contains", threshold: 1, params: { value: "", caseSensitive: false } },
      { type: "levenshtein", name: "levenshtein", threshold: 0.8, params: { caseSensitive: true } },
    ];
    const parsed = scorerListSchema.parse(stored);
    expect(parsed[1]).toEqual({ type: "contains", name: "contains", threshold: 1, params: { value: "", values: [], mode: "all", caseSensitive: false } });
    // Parsing the parsed form again changes nothing (runs are re-read through the same schema).
    expect(scorerListSchema.parse(parsed)).toEqual(parsed);
  });

  it("rejects unknown types and names the discriminator", () => {
    expect(configError({ type: "bleu" })).toMatch(/^type: /);
  });

  it("gives every type a label, a description and its schema's default threshold", () => {
    for (const [type, info] of Object.entries(SCORER_TYPES)) {
      expect(info.label).not.toBe("");
      const minimal: Record<string, unknown> = {
        regex: { pattern: "x" },
        "length-bounds": { max: 1 },
        "json-schema": { schema: {} },
        "latency-budget": { budgetMs: 1 },
        "llm-judge": { baseUrl: "http://x", model: "m" },
        http: { url: "http://x" },
      };
      const parsed = scorerConfigSchema.parse({ type, params: minimal[type] });
      expect(parsed.threshold, type).toBe(info.defaultThreshold);
      expect(parsed.name).toBe(type);
    }
  });
});

describe("secrets", () => {
  const judge = scorerConfigSchema.parse({ type: "llm-judge", params: { baseUrl: "https://api.example.com/v1", model: "m", apiKey: "sk-live-123" } });
  const remote = scorerConfigSchema.parse({ type: "http", params: { url: "https://score.example.com", headers: { authorization: "Bearer abc", "x-key": "k" } } });

  it("describes which fields are secret", () => {
    expect(SCORER_SECRET_FIELDS).toEqual({ "llm-judge": [["params", "apiKey"]], http: [["params", "headers", "*"]] });
    expect(scorerSecretPaths(remote)).toEqual([
      ["params", "headers", "authorization"],
      ["params", "headers", "x-key"],
    ]);
    expect(scorerSecretPaths(scorerConfigSchema.parse({ type: "llm-judge", params: { baseUrl: "http://x", model: "m" } }))).toEqual([]);
  });

  it("masks secret values and leaves the rest and the original alone", () => {
    const masked = maskScorerConfig(judge) as Extract<ScorerConfig, { type: "llm-judge" }>;
    expect(masked.params.apiKey).toBe(SECRET_MASK);
    expect(masked.params.apiKey).toBe("••••••");
    expect(masked.params.model).toBe("m");
    expect((judge as Extract<ScorerConfig, { type: "llm-judge" }>).params.apiKey).toBe("sk-live-123");
    const maskedRemote = maskScorerConfig(remote) as Extract<ScorerConfig, { type: "http" }>;
    expect(maskedRemote.params.headers).toEqual({ authorization: SECRET_MASK, "x-key": SECRET_MASK });
    expect(JSON.stringify(maskedRemote)).not.toContain("Bearer abc");
    // Masked configs still pass the schema (they are sent back in run outputs).
    expect(scorerConfigSchema.safeParse(masked).success).toBe(true);
    const plain = scorerConfigSchema.parse({ type: "exact-match" });
    expect(maskScorerConfig(plain)).toEqual(plain);
  });

  it("maps secrets for encryption at rest and back", () => {
    const encrypted = mapScorerSecrets(remote, (value) => `enc:${Buffer.from(value).toString("base64")}`);
    expect(JSON.stringify(encrypted)).not.toContain("Bearer abc");
    const decrypted = mapScorerSecrets(encrypted, (value) => Buffer.from(value.slice(4), "base64").toString());
    expect(decrypted).toEqual(remote);
  });
});
