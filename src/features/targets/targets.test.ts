import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { api } from "@/test/caller";
import { closeAfterEach, datasetWith, waitForRunEnd as finished } from "@/test/fixtures";
import { json, startHttpTarget } from "@/test/http-target";

const SECRET = "Bearer sk-live-do-not-leak-123";
const closed = closeAfterEach();
const server = async (handler: Parameters<typeof startHttpTarget>[0]) => closed(await startHttpTarget(handler));

describe("saved targets", () => {
  it("stores secrets encrypted, never returns them, and uses them for real calls", async () => {
    const seen: string[] = [];
    const s = await server(({ headers, body }, res) => {
      seen.push(String(headers.authorization));
      json(res, 200, { output: (body as { input: unknown }).input });
    });
    const caller = api();
    const created = await caller.targets.create({
      name: "my-agent",
      config: { kind: "http", url: s.url, headers: { authorization: SECRET, "x-team": "evals" }, outputPath: "output" },
    });
    expect(created.config).toMatchObject({ kind: "http", headers: { authorization: "••••••", "x-team": "••••••" } });

    const row = await db.target.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row.config)).not.toContain("sk-live");
    expect(JSON.stringify(row.config)).toContain("enc:v1:");

    for (const response of [await caller.targets.list(), await caller.targets.get({ id: created.id })]) {
      expect(JSON.stringify(response)).not.toContain("sk-live");
    }

    // Editing with the mask sent back keeps the stored secret.
    const renamed = await caller.targets.update({ id: created.id, name: "my-agent-2", config: { ...created.config, outputPath: "output" } as never });
    expect(renamed.name).toBe("my-agent-2");

    const ds = await datasetWith([{ input: "a" }, { input: "b" }]);
    const { runId } = await caller.runs.trigger({ datasetId: ds.id, targetId: created.id });
    const run = await finished(runId);
    expect(run).toMatchObject({ status: "completed", targetId: created.id, targetName: "my-agent-2" });
    expect(seen).toEqual([SECRET, SECRET]);
    expect(JSON.stringify(run)).not.toContain("sk-live");
    const stored = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(JSON.stringify(stored.target)).not.toContain("sk-live");

    // Deleting the target keeps the run and its snapshot.
    await caller.targets.delete({ id: created.id });
    expect(await caller.runs.get({ id: runId })).toMatchObject({ targetId: null, target: { kind: "http" } });
  });

  it("refuses a masked secret where there is none stored, and bad configs, with the field named", async () => {
    const caller = api();
    await expect(
      caller.targets.create({ name: "x", config: { kind: "http", url: "http://127.0.0.1:9/", headers: { authorization: "••••••" } } }),
    ).rejects.toThrow(/config\.headers\.authorization: enter the secret value/);
    await expect(caller.targets.create({ name: "y", config: { kind: "openai-chat", baseUrl: "not a url", model: "m" } })).rejects.toThrow(/config\.baseUrl/);
    await expect(caller.targets.create({ name: "z", config: { kind: "http", url: "http://x", headers: { "bad header": "v" } } })).rejects.toThrow(
      /valid HTTP header name/,
    );
    await caller.targets.create({ name: "dup", config: { kind: "echo" } });
    await expect(caller.targets.create({ name: "dup", config: { kind: "echo" } })).rejects.toThrow(/already exists/);
    const ds = await datasetWith([{ input: 1 }]);
    await expect(caller.runs.trigger({ datasetId: ds.id })).rejects.toThrow(/either targetId/);
    await expect(caller.runs.trigger({ datasetId: ds.id, targetId: "missing" })).rejects.toThrow(/Target "missing" was not found/);
  });

  it("tries a target on a sample or a dataset item before a run", async () => {
    const s = await server(({ body }, res) => {
      const input = (body as { input: { q?: string } }).input;
      if (input.q === "fail") return json(res, 422, { error: "cannot answer" });
      json(res, 200, { answer: `re: ${input.q}` });
    });
    const caller = api();
    const target = await caller.targets.create({ name: "tryable", config: { kind: "http", url: s.url, outputPath: "answer" } });
    const ok = await caller.targets.try({ targetId: target.id, input: { q: "hello" } });
    expect(ok).toMatchObject({ ok: true, output: "re: hello", error: null });
    expect(ok.latencyMs).toBeGreaterThanOrEqual(0);

    const failed = await caller.targets.try({ targetId: target.id, input: { q: "fail" } });
    expect(failed).toMatchObject({ ok: false, output: null });
    expect(failed.error).toMatch(/HTTP 422: .*cannot answer/);

    const ds = await datasetWith([{ input: { q: "from item" } }]);
    const [item] = (await caller.items.list({ datasetId: ds.id })).items;
    const fromItem = await caller.targets.try({ targetId: target.id, datasetItemId: item!.itemId });
    expect(fromItem).toMatchObject({ ok: true, output: "re: from item", input: { q: "from item" } });

    // An unsaved config being edited is tried with the saved target's secrets.
    const edited = await caller.targets.try({ config: { kind: "echo" }, input: "plain" });
    expect(edited).toMatchObject({ ok: true, output: "plain" });
  });
});

describe("http target options", () => {
  it("renders the body template, uses the method, and sends one Idempotency-Key per item across retries", async () => {
    const keys = new Map<string, string[]>();
    let calls = 0;
    const s = await server(({ body, headers }, res) => {
      calls += 1;
      const b = body as { question: string; lang: string };
      const key = String(headers["idempotency-key"]);
      keys.set(b.question, [...(keys.get(b.question) ?? []), key]);
      if ((keys.get(b.question) ?? []).length === 1) return json(res, 409, { error: "busy" });
      json(res, 200, { data: { text: `${b.lang}:${b.question}` } });
    });
    const ds = await datasetWith([
      { input: { question: "q1" }, metadata: { lang: "fr" } },
      { input: { question: "q2" }, metadata: { lang: "de" } },
    ]);
    const { runId } = await api().runs.trigger({
      datasetId: ds.id,
      target: {
        kind: "http",
        url: s.url,
        method: "PUT",
        bodyTemplate: '{"question": {{input.question}}, "lang": {{metadata.lang}}}',
        outputPath: "data.text",
        retryableStatuses: [409],
      },
      settings: { retries: 2 },
    });
    const run = await finished(runId);
    expect(run.status).toBe("completed");
    expect(calls).toBe(4);
    const results = (await api().runs.results({ runId })).results;
    expect(results.map((r) => r.output)).toEqual(["fr:q1", "de:q2"]);
    for (const [, ids] of keys) {
      expect(ids).toHaveLength(2);
      expect(ids[0]).toBe(ids[1]);
      expect(ids[0]).toMatch(new RegExp(`^${runId}:`));
    }
  });

  it("fails an item whose body template refers to a missing field, without calling the target", async () => {
    const s = await server((_req, res) => json(res, 200, { output: 1 }));
    const ds = await datasetWith([{ input: { other: 1 } }, { input: { question: "ok" } }]);
    const { runId } = await api().runs.trigger({
      datasetId: ds.id,
      target: { kind: "http", url: s.url, bodyTemplate: '{"q": {{input.question}}}', outputPath: "output" },
    });
    const run = await finished(runId);
    expect(run).toMatchObject({ status: "completed", failedCount: 1 });
    const errored = (await api().runs.results({ runId, filter: "errored" })).results;
    expect(errored[0]!.error).toMatch(/refers to \{\{input\.question\}\}/);
    expect(errored[0]!.attempts).toBe(1);
    expect(s.requests()).toBe(1);
  });

  it("honours the target's own timeout over the run's", async () => {
    const s = await server(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 600));
      json(res, 200, { output: "late" });
    });
    const ds = await datasetWith([{ input: 1 }]);
    const { runId } = await api().runs.trigger({
      datasetId: ds.id,
      target: { kind: "http", url: s.url, outputPath: "output", timeoutMs: 150 },
      settings: { timeoutMs: 10_000, retries: 0 },
    });
    const run = await finished(runId);
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/No response within 150 ms/);
  });
});
