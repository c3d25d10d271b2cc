import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForRun } from "@/client";
import type { JsonValue } from "@/lib/json";
import { csvRowsAsImported } from "@/test/csv-rows";
import { json, startHttpTarget } from "@/test/http-target";
import { ServerProcess } from "@/test/server-process";

/**
 * Hostile JSON through the production server: a target whose outputs carry
 * `constructor`, `__proto__` and `prototype` keys, a lone surrogate and NUL.
 * The run completes, the typed client reads the outputs back unchanged, the
 * run page renders, every export answers (JSONL, JSON and CSV give the exact
 * outputs back), and a dataset of such items survives export and re-import
 * in all three formats.
 */

const ITEMS = 8;
let server: ServerProcess;
let target: Awaited<ReturnType<typeof startHttpTarget>>;

/** What the target answers for item `n`, parsed from JSON text as a model gateway's reply would be. */
function reply(n: number): JsonValue {
  return JSON.parse(
    `{"constructor":{"prototype":{"polluted":${n}}},"__proto__":{"polluted":true},"prototype":[${n}],"text":"answer ${n} cut \\ud83d","nul":"a\\u0000b","pair":"😀"}`,
  ) as JsonValue;
}

/** Same JSON, key order included; JSON.stringify escapes lone surrogates and NUL, so this compares them exactly. */
function sameJson(actual: unknown, expected: unknown) {
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

async function get(path: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") };
}

beforeAll(async () => {
  target = await startHttpTarget(({ body }, res) => json(res, 200, reply((body as { input: { n: number } }).input.n)));
  server = new ServerProcess(3318, "hostile-json");
  await server.start({ TRIALRUN_LOG_LEVEL: "warn" });
});

afterAll(async () => {
  await server?.stop("SIGTERM");
  await target?.close();
});

describe("hostile JSON on the production server", () => {
  it("a run whose outputs hold prototype keys, a lone surrogate and NUL completes; results, run page and exports give them back", async () => {
    const client = server.client;
    const ds = await client.datasets.create.mutate({ name: "hostile-outputs" });
    await client.items.bulkAdd.mutate({ datasetId: ds.id, items: Array.from({ length: ITEMS }, (_, n) => ({ input: { n } })) });
    const { runId } = await client.runs.trigger.mutate({
      datasetId: ds.id,
      target: { kind: "http", url: target.url },
      scorers: [{ type: "json-valid" }],
      settings: { concurrency: 4, retries: 0 },
    });
    const run = await waitForRun(client, runId, { intervalMs: 100 });
    expect(run.status).toBe("completed");
    expect(run.doneCount).toBe(ITEMS);
    expect(run.failedCount).toBe(0);

    const page = await client.runs.results.query({ runId, pageSize: 50 });
    expect(page.results).toHaveLength(ITEMS);
    for (const result of page.results) {
      expect(result.error).toBeNull();
      sameJson(result.output, reply((result.input as { n: number }).n));
    }
    const one = page.results[0]!;
    sameJson((await client.runs.result.query({ id: one.id })).output, reply((one.input as { n: number }).n));

    const runPage = await get(`/runs/${runId}`);
    expect(runPage.status).toBe(200);
    expect(runPage.type).toMatch(/text\/html/);

    const jsonl = await get(`/api/runs/${runId}/export?format=jsonl`);
    expect(jsonl.status).toBe(200);
    const lines = jsonl.text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { input: { n: number }; output: unknown });
    expect(lines).toHaveLength(ITEMS);
    for (const line of lines) sameJson(line.output, reply(line.input.n));

    const exported = await get(`/api/runs/${runId}/export?format=json`);
    expect(exported.status).toBe(200);
    const records = JSON.parse(exported.text) as { input: { n: number }; output: unknown }[];
    expect(records).toHaveLength(ITEMS);
    for (const record of records) sameJson(record.output, reply(record.input.n));

    const csv = await get(`/api/runs/${runId}/export?format=csv`);
    expect(csv.status).toBe(200);
    const rows = await csvRowsAsImported(csv.text);
    expect(rows).toHaveLength(ITEMS);
    for (const row of rows) sameJson(row.output, reply((row.input as { n: number }).n));
  });

  it("a dataset of such items, exported as CSV, JSON and JSONL and imported into a new dataset, gives identical items", async () => {
    const client = server.client;
    const values = JSON.parse(
      '[{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"prototype":"p"},"cut \\ud83d","a\\u0000b",{"$trialrun:json":"x"},["\\udc00",{"toString":"t"}],2.3557373669636552e-294,"=1+1"]',
    ) as JsonValue[];
    const source = await client.datasets.create.mutate({ name: "hostile-items" });
    await client.items.bulkAdd.mutate({
      datasetId: source.id,
      items: values.map((value, n) => ({ input: value, expectedOutput: values[(n + 1) % values.length]!, metadata: { n, value } })),
    });
    const listed = async (datasetId: string) => {
      const page = await client.items.list.query({ datasetId, pageSize: 50 });
      return JSON.stringify(page.items.map(({ input, expectedOutput, metadata }) => ({ input, expectedOutput, metadata })));
    };
    const original = await listed(source.id);
    expect(original).toContain("__proto__");

    for (const format of ["csv", "json", "jsonl"] as const) {
      const exported = await get(`/api/datasets/${source.id}/export?format=${format}`);
      expect(exported.status, format).toBe(200);
      const copy = await client.datasets.create.mutate({ name: `hostile-items-${format}` });
      const res = await fetch(`${server.url}/api/datasets/${copy.id}/import?format=${format}`, { method: "POST", body: exported.text });
      expect(await res.json(), format).toMatchObject({ ok: true, imported: values.length });
      expect(res.status, format).toBe(200);
      expect(await listed(copy.id), format).toBe(original);
    }
  });
});
