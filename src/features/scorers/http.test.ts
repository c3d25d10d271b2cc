import { afterEach, describe, expect, it } from "vitest";
import { json, startHttpTarget, type Handler } from "@/test/http-target";
import { createScorer } from "./registry";
import { scorerConfigSchema } from "./schemas";
import { configError, context } from "./test-helpers";
import type { ScoreContext } from "./types";

let server: Awaited<ReturnType<typeof startHttpTarget>> | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const received: { body: unknown; headers: Record<string, unknown> }[] = [];

async function remote(handler: Handler, params: Record<string, unknown> = {}, overrides: Partial<ScoreContext> = {}) {
  received.length = 0;
  server = await startHttpTarget((request, res) => {
    received.push({ body: request.body, headers: request.headers });
    return handler(request, res);
  });
  const config = scorerConfigSchema.parse({ type: "http", params: { url: `${server.url}score`, ...params } });
  return createScorer(config)(context({ input: { q: "2+2" }, output: "4", expectedOutput: 4, metadata: { tag: "math" }, ...overrides }));
}

describe("http scorer", () => {
  it("posts the item and reads back score and reason", async () => {
    const result = await remote((_req, res) => json(res, 200, { score: 0.75, reason: "close enough" }), {
      headers: { authorization: "Bearer s3cret", "x-team": "eval" },
    });
    expect(result).toEqual({ score: 0.75, reason: "close enough" });
    expect(received[0]!.body).toEqual({ input: { q: "2+2" }, output: "4", expectedOutput: 4, metadata: { tag: "math" } });
    expect(received[0]!.headers.authorization).toBe("Bearer s3cret");
    expect(received[0]!.headers["x-team"]).toBe("eval");
    expect(received[0]!.headers["content-type"]).toBe("application/json");
  });

  it("accepts a missing reason and sends unicode and nulls intact", async () => {
    const result = await remote((_req, res) => json(res, 200, { score: 1 }), {}, { output: "日本語 😀", expectedOutput: null, metadata: null });
    expect(result).toEqual({ score: 1, reason: undefined });
    expect(received[0]!.body).toMatchObject({ output: "日本語 😀", expectedOutput: null, metadata: null });
  });

  it("turns non-2xx, invalid bodies and bad scores into clear errors", async () => {
    await expect(remote((_req, res) => json(res, 503, { message: "warming up" }))).rejects.toThrow(
      'HTTP 503 from the scoring service: {"message":"warming up"}',
    );
    await server!.close();
    await expect(remote((_req, res) => res.end("<html>oops</html>"))).rejects.toThrow("The scoring service replied with invalid JSON: <html>oops</html>");
    await server!.close();
    await expect(remote((_req, res) => res.end(""))).rejects.toThrow("The scoring service replied with invalid JSON: (empty body)");
    await server!.close();
    await expect(remote((_req, res) => json(res, 200, [0.5]))).rejects.toThrow('must reply with a JSON object {"score", "reason"}');
    await server!.close();
    await expect(remote((_req, res) => json(res, 200, { score: 1.5 }))).rejects.toThrow(
      "The scoring service returned score 1.5; expected a number from 0 to 1.",
    );
    await server!.close();
    await expect(remote((_req, res) => json(res, 200, { score: "0.5" }))).rejects.toThrow('returned score "0.5"');
    await server!.close();
    await expect(remote((_req, res) => json(res, 200, { reason: "no score" }))).rejects.toThrow("returned score undefined");
  });

  it("passes on the service's own error message", async () => {
    await expect(remote((_req, res) => json(res, 200, { error: "expected output missing" }))).rejects.toThrow(
      "The scoring service could not score this output: expected output missing",
    );
  });

  it("times out a slow service", async () => {
    const started = Date.now();
    await expect(remote(() => new Promise(() => {}), { timeoutMs: 200 })).rejects.toThrow("The scoring service did not reply within 200 ms.");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("stops when the run is cancelled", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(remote(() => new Promise(() => {}), {}, { signal: controller.signal })).rejects.toThrow("Scoring was cancelled.");
    const aborted = new AbortController();
    aborted.abort();
    await server!.close();
    await expect(remote((_req, res) => json(res, 200, { score: 1 }), {}, { signal: aborted.signal })).rejects.toThrow("Scoring was cancelled.");
    expect(received).toHaveLength(0);
  });

  it("reports an unreachable service", async () => {
    server = await startHttpTarget(() => undefined);
    const url = server.url;
    await server.close();
    server = null;
    const scorer = createScorer(scorerConfigSchema.parse({ type: "http", params: { url } }));
    await expect(scorer(context())).rejects.toThrow(/^Could not reach the scoring service: /);
  });

  it("rejects bad params naming the field", () => {
    expect(configError({ type: "http", params: {} })).toBe("params.url: must be an http:// or https:// URL");
    expect(configError({ type: "http", params: { url: "file:///etc/passwd" } })).toBe("params.url: must be an http:// or https:// URL");
    expect(configError({ type: "http", params: { url: "http://x", headers: { "bad header": "v" } } })).toBe(
      'params.headers.bad header: "bad header" is not a valid HTTP header name',
    );
    expect(configError({ type: "http", params: { url: "http://x", timeoutMs: 1_000_000 } })).toBe("params.timeoutMs: must be at most 600000 ms (10 minutes)");
  });
});
