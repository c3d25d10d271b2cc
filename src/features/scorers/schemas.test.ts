import { describe, expect, it } from "vitest";
import { SECRET_MASK } from "@/features/targets";
import {
  mapScorerSecrets,
  maskScorerConfig,
  SCORER_SECRET_FIELDS,
  SCORER_TYPES,
  scorerConfigSchema,
  scorerListSchema,
  scorerSecretPaths,
  type ScorerConfig,
} from "./schemas";
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
    expect(listErrors([{ type: "json-valid" }, { type: "json-valid" }])).toEqual([
      '1.name: Scorer name "json-valid" is used twice; names must be unique within a run',
    ]);
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
  const remote = scorerConfigSchema.parse({
    type: "http",
    params: { url: "https://score.example.com", headers: { authorization: "Bearer abc", "x-key": "k" } },
  });

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

describe("prototype keys in scorer configs", () => {
  const protoHeaders = (secret: string) => JSON.parse(`{"__proto__":"${secret}"}`) as Record<string, string>;

  it("the http scorer refuses a `__proto__` header with a field error (z.record would drop it silently) and keeps `constructor`", () => {
    const refused = scorerConfigSchema.safeParse({ type: "http", params: { url: "http://x", headers: protoHeaders("v") } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)).toEqual([
      'params.headers.__proto__: "__proto__" is not allowed as a header name',
    ]);

    const headers: Record<string, string> = JSON.parse('{"constructor":"c-secret","prototype":"p-secret"}') as Record<string, string>;
    const parsed = scorerConfigSchema.parse({ type: "http", params: { url: "http://x", headers } }) as Extract<ScorerConfig, { type: "http" }>;
    expect(Object.getOwnPropertyDescriptor(parsed.params.headers, "constructor")?.value).toBe("c-secret");
    expect(scorerSecretPaths(parsed)).toEqual([
      ["params", "headers", "constructor"],
      ["params", "headers", "prototype"],
    ]);
    const masked = maskScorerConfig(parsed) as Extract<ScorerConfig, { type: "http" }>;
    expect(JSON.stringify(masked)).not.toMatch(/c-secret|p-secret/);
  });

  it("maps a secret under any key — a stored `__proto__` header is masked, never set as a prototype", () => {
    // As a config stored before the header rule would read back (JSON.parse keeps `__proto__` as a key).
    const stored = JSON.parse(
      '{"type":"http","name":"remote","threshold":0.5,"params":{"url":"http://x","timeoutMs":1000,"headers":{"__proto__":"sk-hidden"}}}',
    ) as ScorerConfig;
    const masked = maskScorerConfig(stored);
    expect(JSON.stringify(masked)).not.toContain("sk-hidden");
    expect(JSON.stringify(masked)).toContain(`"__proto__":"${SECRET_MASK}"`);
    expect(Object.getPrototypeOf((masked as Extract<ScorerConfig, { type: "http" }>).params.headers)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("the json-schema scorer keeps a top-level `__proto__` key of its schema", () => {
    const schema = JSON.parse('{"type":"object","required":["a"],"__proto__":{"polluted":true}}') as Record<string, unknown>;
    const parsed = scorerConfigSchema.parse({ type: "json-schema", params: { schema } }) as Extract<ScorerConfig, { type: "json-schema" }>;
    expect(JSON.stringify(parsed.params.schema)).toBe(JSON.stringify(schema));
    expect(Object.hasOwn(parsed.params.schema as object, "__proto__")).toBe(true);
    expect(configError({ type: "json-schema", params: { schema: [1] } })).toBe("params.schema: must be a JSON Schema (an object or a boolean)");
  });
});

describe("URL credentials in scorer configs", () => {
  const remote = scorerConfigSchema.parse({ type: "http", params: { url: "https://svc:pa55@score.example.com/v1?api_key=K-123&mode=strict" } });
  const judge = scorerConfigSchema.parse({ type: "llm-judge", params: { baseUrl: "https://TOKEN-9@llm.example.com/v1?token=T-9", model: "m" } });

  it("are masked like a target's: the password or user token, and secret query values", () => {
    expect((maskScorerConfig(remote) as Extract<ScorerConfig, { type: "http" }>).params.url).toBe(
      `https://svc:${SECRET_MASK}@score.example.com/v1?api_key=${SECRET_MASK}&mode=strict`,
    );
    expect((maskScorerConfig(judge) as Extract<ScorerConfig, { type: "llm-judge" }>).params.baseUrl).toBe(
      `https://${SECRET_MASK}@llm.example.com/v1?token=${SECRET_MASK}`,
    );
    // The original is left alone, and a masked config still parses (runs send it back).
    expect((remote as Extract<ScorerConfig, { type: "http" }>).params.url).toContain("pa55");
    expect(scorerConfigSchema.safeParse(maskScorerConfig(judge)).success).toBe(true);
  });

  it("a run's scorer list refuses a URL whose credential is still the mask", () => {
    expect(listErrors([maskScorerConfig(remote), maskScorerConfig(judge)])).toEqual([
      "0.params.url: a credential in the URL is masked; enter it again",
      "1.params.baseUrl: a credential in the URL is masked; enter it again",
    ]);
    expect(listErrors([remote, judge])).toEqual([]);
  });
});
