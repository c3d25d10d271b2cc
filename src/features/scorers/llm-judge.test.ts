import { afterEach, describe, expect, it } from "vitest";
import { replies, startOpenAiCompatibleServer, type OpenAiCompatibleServer, type ReplyFunction } from "@/test/openai-compatible-server";
import { parseJudgeReply } from "./kinds/llm-judge";
import { createScorer } from "./registry";
import { scorerConfigSchema, type ScorerConfigInput } from "./schemas";
import { configError, context } from "./test-helpers";
import type { ScoreContext } from "./types";

let server: OpenAiCompatibleServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function judge(
  reply: ReplyFunction,
  params: Partial<Extract<ScorerConfigInput, { type: "llm-judge" }>["params"]> = {},
  overrides: Partial<ScoreContext> = {},
) {
  server = await startOpenAiCompatibleServer(reply);
  const config = scorerConfigSchema.parse({ type: "llm-judge", params: { baseUrl: server.baseUrl, model: "judge-1", ...params } });
  return createScorer(config)(
    context({ input: { question: "Capital of France?" }, output: "Paris", expectedOutput: "Paris", metadata: { lang: "en" }, ...overrides }),
  );
}

describe("parseJudgeReply", () => {
  it("reads plain, fenced and prose-wrapped JSON", () => {
    expect(parseJudgeReply('{"score": 0.8, "reason": "Mostly right."}', "0-1")).toEqual({ score: 0.8, reason: "Mostly right." });
    expect(parseJudgeReply('```json\n{"score": 1, "reason": "ok"}\n```', "0-1")).toEqual({ score: 1, reason: "ok" });
    expect(parseJudgeReply('Sure! Here is my grade: {"score": 0, "reason": "wrong"} Hope that helps.', "0-1")).toEqual({ score: 0, reason: "wrong" });
  });

  it("accepts string scores, bare numbers, booleans, capitalised keys and a missing reason", () => {
    expect(parseJudgeReply('{"score": "0.8"}', "0-1")).toEqual({ score: 0.8, reason: undefined });
    expect(parseJudgeReply("0.25", "0-1").score).toBe(0.25);
    expect(parseJudgeReply('{"Score": true, "Explanation": "fine"}', "0-1")).toEqual({ score: 1, reason: "fine" });
  });

  it("converts declared scales to 0..1", () => {
    expect(parseJudgeReply('{"score": 8}', "0-10").score).toBe(0.8);
    expect(parseJudgeReply('{"score": "7"}', "1-10").score).toBeCloseTo(6 / 9);
    expect(parseJudgeReply('{"score": 1}', "1-5").score).toBe(0);
    expect(parseJudgeReply('{"score": 85}', "0-100").score).toBe(0.85);
  });

  it("turns anything unusable into a clear scorer error", () => {
    expect(() => parseJudgeReply("I think it is good.", "0-1")).toThrow("judge reply is not valid JSON: I think it is good.");
    expect(() => parseJudgeReply("", "0-1")).toThrow("judge reply is not valid JSON: (empty reply)");
    expect(() => parseJudgeReply('{"reason": "no score"}', "0-1")).toThrow('judge reply has no "score"');
    expect(() => parseJudgeReply('{"score": "high"}', "0-1")).toThrow('judge score is not a number: "high"');
    expect(() => parseJudgeReply('{"score": null}', "0-1")).toThrow("judge score is not a number: null");
    expect(() => parseJudgeReply('{"score": 8}', "0-1")).toThrow("judge score 8 is outside the declared 0-1 scale (set params.scale");
    expect(() => parseJudgeReply('{"score": 0}', "1-10")).toThrow("outside the declared 1-10 scale");
  });
});

describe("llm-judge against an OpenAI-compatible server", () => {
  it("sends the rendered rubric in JSON mode and reads the grade", async () => {
    const result = await judge(() => '{"score": 0.9, "reason": "Correct and concise."}', {
      apiKey: "sk-test",
      temperature: 0.2,
      rubric: "Q: {{input.question}}\nRef: {{expectedOutput}}\nA: {{output}}\nLang: {{metadata.lang}}",
    });
    expect(result).toMatchObject({ score: 0.9, reason: "Correct and concise." });
    const request = server!.requests[0]!;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-test");
    expect(request.body.model).toBe("judge-1");
    expect(request.body.temperature).toBe(0.2);
    expect(request.body.response_format).toEqual({ type: "json_object" });
    expect(request.body.messages?.[0]?.role).toBe("system");
    expect(request.body.messages?.[0]?.content).toContain('{"score": <number from 0 (worst) to 1 (best)>');
    expect(request.body.messages?.[1]).toEqual({ role: "user", content: "Q: Capital of France?\nRef: Paris\nA: Paris\nLang: en" });
  });

  it("renders non-string values as JSON and an absent expected output as empty", async () => {
    await judge(() => '{"score": 1}', { rubric: "{{input}} | {{expectedOutput}} | {{output}}" }, { output: { answer: 42 }, expectedOutput: null });
    expect(server!.requests[0]!.body.messages?.[1]?.content).toBe('{"question":"Capital of France?"} |  | {"answer":42}');
  });

  it("reports the tokens it spent and their cost from its pricing, also when the reply cannot be read", async () => {
    const pricing = { promptPer1k: 2, completionPer1k: 10 };
    const graded = await judge(() => ({ content: '{"score": 1}', promptTokens: 500, completionTokens: 20 }), { pricing });
    expect(graded.usage).toEqual({ promptTokens: 500, completionTokens: 20, costUsd: (500 * 2 + 20 * 10) / 1000 });
    const unreadable = judge(() => ({ content: "no idea", promptTokens: 300, completionTokens: 5 }), { pricing });
    await expect(unreadable).rejects.toMatchObject({ usage: { promptTokens: 300, completionTokens: 5, costUsd: (300 * 2 + 5 * 10) / 1000 } });
    const unpriced = await judge(() => ({ content: '{"score": 1}', promptTokens: 10, completionTokens: 1 }));
    expect(unpriced.usage).toEqual({ promptTokens: 10, completionTokens: 1, costUsd: null });
  });

  it("handles fenced replies and the declared scale", async () => {
    expect(await judge(() => '```json\n{"score": "8", "reason": "Good"}\n```', { scale: "0-10", jsonMode: false })).toMatchObject({
      score: 0.8,
      reason: "Good",
    });
    expect(server!.requests[0]!.body.response_format).toBeUndefined();
    expect(server!.requests[0]!.body.messages?.[0]?.content).toContain("from 0 (worst) to 10 (best)");
  });

  it("reports a malformed reply as a scorer error", async () => {
    await expect(judge(() => "Looks right to me!")).rejects.toThrow("judge reply is not valid JSON: Looks right to me!");
    await server!.close();
    await expect(judge(() => replies.malformed())).rejects.toThrow("LLM judge: The model endpoint replied with invalid JSON");
  });

  it("reports a missing template field as a scorer error", async () => {
    await expect(judge(() => '{"score": 1}', { rubric: "{{output}} in {{metadata.country}}" })).rejects.toThrow(
      "{{metadata.country}}, which this item does not have",
    );
    expect(server!.requests).toHaveLength(0);
  });

  it("retries a 500 and gives up with the status after the retries", async () => {
    expect((await judge((r) => (r.count === 1 ? replies.serverError() : '{"score": 0.5}'), { retries: 1 })).score).toBe(0.5);
    await server!.close();
    await expect(judge(() => replies.serverError("boom"), { retries: 1 })).rejects.toThrow(
      "LLM judge: HTTP 500 from the model endpoint: boom (after 2 attempts)",
    );
    expect(server!.requests).toHaveLength(2);
  });

  it("honours Retry-After on 429, and does not retry a 400", async () => {
    const started = Date.now();
    expect((await judge((r) => (r.count === 1 ? replies.rateLimited(1) : '{"score": 1}'))).score).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await server!.close();
    await expect(judge(() => ({ status: 400, json: { error: { message: "model not found" } } }))).rejects.toThrow(
      "LLM judge: HTTP 400 from the model endpoint: model not found",
    );
    expect(server!.requests).toHaveLength(1);
  });

  it("times out a slow judge", async () => {
    const started = Date.now();
    await expect(judge(() => replies.slow(5_000, '{"score": 1}'), { timeoutMs: 200, retries: 0 })).rejects.toThrow("The judge did not reply within 200 ms.");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("stops at once when the run is cancelled", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(judge(() => replies.slow(5_000, '{"score": 1}'), {}, { signal: controller.signal })).rejects.toThrow("Scoring was cancelled.");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("stops waiting out a Retry-After when the run is cancelled", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(judge(() => replies.rateLimited(20), {}, { signal: controller.signal })).rejects.toThrow("Scoring was cancelled.");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reports an unreachable endpoint", async () => {
    server = await startOpenAiCompatibleServer();
    const baseUrl = server.baseUrl;
    await server.close();
    server = null;
    const scorer = createScorer(scorerConfigSchema.parse({ type: "llm-judge", params: { baseUrl, model: "m", retries: 0 } }));
    await expect(scorer(context({ output: "x" }))).rejects.toThrow("LLM judge: Could not reach the model endpoint");
  });
});

describe("llm-judge config", () => {
  const base = { baseUrl: "http://localhost:11434/v1", model: "llama3" };

  it("has a usable default rubric and defaults", () => {
    const config = scorerConfigSchema.parse({ type: "llm-judge", params: base });
    expect(config).toMatchObject({
      name: "llm-judge",
      threshold: 0.5,
      params: { apiKey: "", temperature: 0, jsonMode: true, scale: "0-1", timeoutMs: 60_000, retries: 2 },
    });
  });

  it("rejects bad params naming the field", () => {
    expect(configError({ type: "llm-judge", params: { ...base, baseUrl: "ftp://x" } })).toBe("params.baseUrl: must be an http:// or https:// URL");
    expect(configError({ type: "llm-judge", params: { ...base, model: " " } })).toBe("params.model: is required");
    expect(configError({ type: "llm-judge", params: { baseUrl: base.baseUrl } })).toBe("params.model: is required");
    expect(configError({ type: "llm-judge", params: { ...base, temperature: 3 } })).toBe("params.temperature: must be between 0 and 2");
    expect(configError({ type: "llm-judge", params: { ...base, scale: "1-7" } })).toBe("params.scale: must be one of 0-1, 1-5, 0-10, 1-10, 0-100");
    expect(configError({ type: "llm-judge", params: { ...base, timeoutMs: 10 } })).toBe("params.timeoutMs: must be at least 100 ms");
    expect(configError({ type: "llm-judge", params: { ...base, rubric: "Is it good? {{answer}}" } })).toMatch(/^params\.rubric: \{\{answer\}\} is unknown/);
    expect(configError({ type: "llm-judge", params: { ...base, rubric: "Grade {{input}}" } })).toBe(
      "params.rubric: must include {{output}}, or the judge never sees what it grades",
    );
  });
});
