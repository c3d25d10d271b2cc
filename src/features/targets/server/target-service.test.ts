import { describe, expect, it } from "vitest";
import type { JsonValue } from "@/lib/json";
import { api } from "@/test/caller";
import { closeAfterEach } from "@/test/fixtures";
import { json, startHttpTarget } from "@/test/http-target";

const closed = closeAfterEach();

describe("trying a target", () => {
  it("an output nested deeper than 64 levels is a clear error of the try, not a failed request", async () => {
    let deep: JsonValue = "leaf";
    for (let i = 0; i < 80; i++) deep = { d: deep };
    const server = closed(await startHttpTarget((_request, res) => json(res, 200, { answer: deep, usage: { prompt_tokens: 3 } })));

    const tried = await api().targets.try({ config: { kind: "http", url: server.url, outputPath: "answer" }, input: { q: "deep" } });
    expect(tried).toMatchObject({ ok: false, output: null, input: { q: "deep" } });
    expect(tried.error).toBe("The target's output cannot be shown: it is nested deeper than 64 levels. A run would fail this item for the same reason.");
    expect(tried.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("an output with prototype keys, a lone surrogate and NUL is shown as it is", async () => {
    const output = JSON.parse('{"__proto__":{"x":1},"constructor":{"prototype":2},"s":"cut \\ud83d","n":"a\\u0000b"}') as JsonValue;
    const server = closed(await startHttpTarget((_request, res) => json(res, 200, output)));
    const tried = await api().targets.try({ config: { kind: "http", url: server.url }, input: 1 });
    expect(tried.ok).toBe(true);
    expect(JSON.stringify(tried.output)).toBe(JSON.stringify(output));
  });
});
