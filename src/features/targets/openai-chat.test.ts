import { describe, expect, it } from "vitest";
import { api } from "@/test/caller";
import { closeAfterEach, datasetWith as dataset, waitForRunEnd as finished } from "@/test/fixtures";
import { replies, startOpenAiCompatibleServer } from "@/test/openai-compatible-server";

const closed = closeAfterEach();
const model = async (reply?: Parameters<typeof startOpenAiCompatibleServer>[0]) => closed(await startOpenAiCompatibleServer(reply));

describe("openai-chat target", () => {
  it("renders the prompt, records tokens and cost per item, and totals them in the summary", async () => {
    const server = await model((request) => {
      const user = request.body.messages?.at(-1)?.content ?? "";
      return { content: user.includes("France") ? "Paris" : "Tokyo", promptTokens: 20, completionTokens: 5 };
    });
    const ds = await dataset([
      { input: { country: "France" }, expectedOutput: "Paris", metadata: { lang: "en" } },
      { input: { country: "Japan" }, expectedOutput: "Tokyo", metadata: { lang: "en" } },
    ]);
    const caller = api();
    const { runId } = await caller.runs.trigger({
      datasetId: ds.id,
      target: {
        kind: "openai-chat",
        baseUrl: server.baseUrl,
        apiKey: "sk-test-key",
        model: "gpt-test",
        systemPrompt: "Answer in {{metadata.lang}} with one word.",
        userTemplate: "Capital of {{input.country}}?",
        temperature: 0,
        maxTokens: 16,
        pricing: { promptPer1k: 1, completionPer1k: 2 },
      },
      scorers: [{ type: "exact-match" }],
    });
    const run = await finished(runId);
    expect(run).toMatchObject({ status: "completed", doneCount: 2, failedCount: 0 });
    expect(run.summary).toMatchObject({ tokens: { prompt: 40, completion: 10 } });
    expect(run.summary!.costUsd).toBeCloseTo(0.06, 10);
    expect(run.summary!.scorers[0]).toMatchObject({ mean: 1 });
    const [first] = (await caller.runs.results({ runId })).results;
    expect(first).toMatchObject({ output: "Paris", promptTokens: 20, completionTokens: 5 });
    expect(first!.costUsd).toBeCloseTo(0.03, 10);

    const sent = server.requests[0]!;
    expect(sent.headers.authorization).toBe("Bearer sk-test-key");
    expect(sent.body).toMatchObject({ model: "gpt-test", temperature: 0, max_tokens: 16, stream: false });
    expect(sent.body.messages).toEqual([
      { role: "system", content: "Answer in en with one word." },
      { role: "user", content: expect.stringMatching(/^Capital of (France|Japan)\?$/) },
    ]);
    expect(JSON.stringify(run)).not.toContain("sk-test-key");
  });

  it("retries 429 honouring Retry-After, and records 500s, malformed JSON and bad JSON-mode replies on the item", async () => {
    const server = await model((request) => {
      const user = request.body.messages?.at(-1)?.content ?? "";
      const seen = server.requests.filter((r) => r.body.messages?.at(-1)?.content === user).length;
      if (user === "rate" && seen === 1) return replies.rateLimited(1);
      if (user === "boom") return replies.serverError();
      if (user === "garbage") return replies.malformed();
      if (user === "json") return "not json at all";
      return "ok";
    });
    const ds = await dataset([{ input: "rate" }, { input: "boom" }, { input: "garbage" }]);
    const started = Date.now();
    const { runId } = await api().runs.trigger({
      datasetId: ds.id,
      target: { kind: "openai-chat", baseUrl: server.baseUrl, model: "m" },
      settings: { retries: 1, concurrency: 3 },
    });
    const run = await finished(runId);
    expect(run).toMatchObject({ status: "completed", doneCount: 3, failedCount: 2 });
    const byInput = Object.fromEntries((await api().runs.results({ runId })).results.map((r) => [r.input as string, r]));
    expect(byInput.rate).toMatchObject({ output: "ok", attempts: 2, error: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(byInput.boom).toMatchObject({ attempts: 2 });
    expect(byInput.boom!.error).toMatch(/^HTTP 500 from the model endpoint: The server had an error/);
    expect(byInput.garbage).toMatchObject({ attempts: 1 });
    expect(byInput.garbage!.error).toMatch(/invalid JSON/);

    const jsonDs = await dataset([{ input: "json" }]);
    const jsonRun = await finished(
      (await api().runs.trigger({ datasetId: jsonDs.id, target: { kind: "openai-chat", baseUrl: server.baseUrl, model: "m", jsonMode: true } })).runId,
    );
    expect(jsonRun.error).toMatch(/JSON mode is on but the model replied with text that is not JSON/);
    expect(server.requests.at(-1)!.body.response_format).toEqual({ type: "json_object" });
  });

  it("runs an expensive LLM judge only on outputs that passed the cheap check (gated scorers)", async () => {
    const target = await model((request) => {
      const user = request.body.messages?.at(-1)?.content ?? "";
      return user.startsWith("good") ? `answer to ${user}` : "";
    });
    const judge = await model(() => '```json\n{"score": 0.75, "reason": "mostly right"}\n```');
    const ds = await dataset([{ input: "good 1" }, { input: "good 2" }, { input: "bad 1" }, { input: "bad 2" }, { input: "bad 3" }]);
    const caller = api();
    const { runId } = await caller.runs.trigger({
      datasetId: ds.id,
      target: { kind: "openai-chat", baseUrl: target.baseUrl, model: "small" },
      scorers: [
        { type: "length-bounds", name: "non-empty", params: { min: 1 } },
        {
          type: "llm-judge",
          name: "judge",
          threshold: 0.7,
          gate: { requires: ["non-empty"] },
          params: { baseUrl: judge.baseUrl, apiKey: "sk-judge-secret", model: "big" },
        },
      ],
    });
    const run = await finished(runId);
    expect(run.status).toBe("completed");
    expect(judge.requests).toHaveLength(2);
    const summary = Object.fromEntries(run.summary!.scorers.map((s) => [s.name, s]));
    expect(summary["non-empty"]).toMatchObject({ scored: 5, passRate: 0.4 });
    expect(summary.judge).toMatchObject({ scored: 2, skipped: 3, mean: 0.75, passRate: 1, gated: true });
    const results = (await caller.runs.results({ runId })).results;
    const bad = results.find((r) => r.input === "bad 1")!;
    expect(bad.scores.find((s) => s.name === "judge")).toMatchObject({ skipped: true, value: null, reason: "Skipped: non-empty did not pass" });
    const good = results.find((r) => r.input === "good 1")!;
    expect(good.scores.find((s) => s.name === "judge")).toMatchObject({ value: 0.75, passed: true, reason: "mostly right" });
    expect(JSON.stringify(run)).not.toContain("sk-judge-secret");
    expect(judge.requests[0]!.headers.authorization).toBe("Bearer sk-judge-secret");
  });
});
