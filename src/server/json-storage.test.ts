import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportDataset } from "@/app/api/datasets/[id]/export/route";
import { POST as importDataset } from "@/app/api/datasets/[id]/import/route";
import { GET as exportRun } from "@/app/api/runs/[id]/export/route";
import { createTrialrunClient } from "@/client";
import { parse } from "csv-parse/sync";
import { ResultWriter } from "@/features/runs/engine/result-writer";
import { newId } from "@/lib/id";
import { STORED_JSON_KEY, type JsonValue } from "@/lib/json";
import { db } from "@/server/db";
import { handleTrpcRequest } from "@/server/http/trpc-request";
import { api } from "@/test/caller";
import { datasetWith, waitForRunEnd } from "@/test/fixtures";
import { csvRowsAsImported } from "@/test/csv-rows";
import { json, startHttpTarget } from "@/test/http-target";
import { EXTREME_NUMBERS, HOSTILE_STRINGS, jsonArb, jsonObjectArb as objectArb } from "@/test/json-arbitraries";

/*
 * Any JSON value is stored and read back unchanged — keys such as
 * `__proto__`, `constructor`, `prototype`; lone surrogates; NUL — through
 * the router in-process, through the real tRPC HTTP handler with the wire
 * transformer (what the dashboard and the typed client use), and through the
 * REST exports; and nothing pollutes Object.prototype. The arbitrary values
 * (src/test/json-arbitraries.ts) mix fast-check's JSON with prototype keys,
 * lone surrogates, NUL and extreme floats.
 */

// The typed client over the real tRPC fetch handler: wire format, batching and transformer included.
const wire = createTrialrunClient({
  url: "http://127.0.0.1",
  fetch: (async (url: string | URL | Request, init?: RequestInit) => handleTrpcRequest(new Request(url, init))) as typeof fetch,
});

/** Same JSON, key order included; `JSON.stringify` escapes lone surrogates, so this compares them exactly. */
function sameJson(actual: unknown, expected: unknown) {
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

const hostile = JSON.parse(
  '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":1,"s":"cut \\ud83d","n":"a\\u0000b","$trialrun:json":"x"}',
) as JsonValue;

function expectNoPollution() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
}

describe("JSON values round-trip unchanged", () => {
  it("items: any input, expected output and metadata, in-process and over the wire", async () => {
    const ds = await api().datasets.create({ name: "json-roundtrip" });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ input: jsonArb, expectedOutput: jsonArb, metadata: objectArb }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (items, overWire) => {
          const client = overWire ? wire : null;
          const added = client ? await client.items.bulkAdd.mutate({ datasetId: ds.id, items }) : await api().items.bulkAdd({ datasetId: ds.id, items });
          const page = client
            ? await client.items.list.query({ datasetId: ds.id, pageSize: 200 })
            : await api().items.list({ datasetId: ds.id, pageSize: 200 });
          for (const [index, itemId] of added.itemIds.entries()) {
            const item = page.items.find((i) => i.itemId === itemId);
            expect(item, `item ${itemId} is listed`).toBeDefined();
            sameJson(item!.input, items[index]!.input);
            sameJson(item!.expectedOutput, items[index]!.expectedOutput);
            sameJson(item!.metadata, items[index]!.metadata);
          }
          await api().items.delete({ itemIds: added.itemIds });
          expectNoPollution();
        },
      ),
      { numRuns: 40 },
    );
  });

  it("the hostile item, and a JSON Schema with prototype keys: stored, listed, exported, never a 500", async () => {
    const ds = await wire.datasets.create.mutate({ name: "hostile" });
    const schema = JSON.parse(
      '{"type":"object","properties":{"constructor":{"type":"object"},"prototype":{"type":"number"},"__proto__":{"type":"object"}},"required":["constructor"]}',
    ) as Record<string, unknown>;
    await wire.datasets.update.mutate({ id: ds.id, inputSchema: schema });
    await wire.items.add.mutate({ datasetId: ds.id, item: { input: hostile, expectedOutput: hostile, metadata: hostile as Record<string, JsonValue> } });

    const listed = (await wire.datasets.list.query({})).find((d) => d.id === ds.id);
    sameJson(listed?.inputSchema, schema);
    sameJson((await wire.datasets.get.query({ id: ds.id })).inputSchema, schema);
    const page = await wire.items.list.query({ datasetId: ds.id });
    sameJson(page.items[0]!.input, hostile);
    sameJson(page.items[0]!.metadata, hostile);

    for (const format of ["json", "jsonl", "csv"] as const) {
      const response = await exportDataset(new Request(`http://127.0.0.1/api/datasets/${ds.id}/export?format=${format}`), {
        params: Promise.resolve({ id: ds.id }),
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      let input: unknown;
      if (format === "json") input = (JSON.parse(text) as { input: unknown }[])[0]!.input;
      else if (format === "jsonl") input = (JSON.parse(text.trim().split("\n")[0]!) as { input: unknown }).input;
      else input = JSON.parse((parse(text, { columns: true }) as Record<string, string>[])[0]!.input!);
      sameJson(input, hostile);
    }
    expectNoPollution();
  });

  it("a dataset of hostile items, exported as CSV, JSON and JSONL and imported into a new dataset, gives identical items", async () => {
    const values = JSON.parse(
      '[{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"prototype":"p"},"cut \\ud83d","a\\u0000b",{"$trialrun:json":"x"},["\\udc00",{"toString":"t"}],2.3557373669636552e-294,"=1+1"]',
    ) as JsonValue[];
    const source = await api().datasets.create({ name: "hostile-roundtrip" });
    await api().items.bulkAdd({
      datasetId: source.id,
      items: values.map((value, n) => ({ input: value, expectedOutput: values[(n + 1) % values.length]!, metadata: { n, value } })),
    });
    const listed = async (datasetId: string) =>
      JSON.stringify(
        (await wire.items.list.query({ datasetId, pageSize: 50 })).items.map(({ input, expectedOutput, metadata }) => ({ input, expectedOutput, metadata })),
      );
    const original = await listed(source.id);
    for (const format of ["csv", "json", "jsonl"] as const) {
      const exported = await exportDataset(new Request(`http://127.0.0.1/api/datasets/${source.id}/export?format=${format}`), {
        params: Promise.resolve({ id: source.id }),
      });
      expect(exported.status).toBe(200);
      const copy = await api().datasets.create({ name: `hostile-roundtrip-${format}` });
      const imported = await importDataset(
        new Request(`http://127.0.0.1/api/datasets/${copy.id}/import?format=${format}`, { method: "POST", body: await exported.text() }),
        {
          params: Promise.resolve({ id: copy.id }),
        },
      );
      expect(await imported.json(), format).toMatchObject({ ok: true, imported: values.length });
      expect(await listed(copy.id), format).toBe(original);
    }
    expectNoPollution();
  });

  it("a string that is only a lone surrogate, and envelope-shaped values, keep their exact form", async () => {
    const ds = await api().datasets.create({ name: "edge-strings" });
    const values: JsonValue[] = ["\ud83d", { [STORED_JSON_KEY]: "[1]" }, { [STORED_JSON_KEY]: "\ud83d" }, [{ [STORED_JSON_KEY]: 1 }]];
    const { itemIds } = await wire.items.bulkAdd.mutate({ datasetId: ds.id, items: values.map((input) => ({ input })) });
    const page = await wire.items.list.query({ datasetId: ds.id });
    for (const [index, id] of itemIds.entries()) sameJson(page.items.find((i) => i.itemId === id)?.input, values[index]);
    // Edits go through the same rule.
    const edited = await wire.items.update.mutate({ itemId: itemIds[0]!, input: { edited: "\udc00" } });
    sameJson(edited.input, { edited: "\udc00" });
  });

  it("refuses nesting deeper than 64 levels with that reason", async () => {
    const ds = await api().datasets.create({ name: "deep" });
    let deep: JsonValue = "leaf";
    for (let i = 0; i < 70; i++) deep = { d: deep };
    const error = await api()
      .items.add({ datasetId: ds.id, item: { input: deep } })
      .then(
        () => null,
        (e: unknown) => e as Error,
      );
    expect(error?.message).toMatch(/nested deeper than 64 levels/);
    expect(error?.message).not.toMatch(/empty/);
  });
});

describe("run results with hostile outputs", () => {
  let target: Awaited<ReturnType<typeof startHttpTarget>>;
  const reply = (n: number): JsonValue =>
    JSON.parse(`{"constructor":{"prototype":{"polluted":${n}}},"__proto__":{"polluted":true},"text":"answer ${n} cut \\ud83d","nul":"\\u0000"}`) as JsonValue;
  let deepReply: JsonValue = 1;
  for (let i = 0; i < 80; i++) deepReply = [deepReply];

  beforeAll(async () => {
    target = await startHttpTarget(({ body }, res) => {
      const n = (body as { input: { n: number } }).input.n;
      // JSON.stringify writes the lone surrogate as \ud83d: valid JSON text, as a model's gateway would send it.
      json(res, 200, n === 3 ? deepReply : reply(n));
    });
  });
  afterAll(() => target.close());

  it("the run completes; results, the results page and the export read back identical; one too-deep output fails only its item", async () => {
    const items = Array.from({ length: 12 }, (_, n) => ({ input: { n } }));
    const ds = await api().datasets.create({ name: "hostile-outputs" });
    await api().items.bulkAdd({ datasetId: ds.id, items });
    const { runId } = await wire.runs.trigger.mutate({
      datasetId: ds.id,
      target: { kind: "http", url: target.url },
      scorers: [{ type: "json-valid" }],
      settings: { concurrency: 4, retries: 0 },
    });
    const run = await waitForRunEnd(runId);
    expect(run.status).toBe("completed");
    expect(run.doneCount).toBe(12);
    expect(run.failedCount).toBe(1);

    const page = await wire.runs.results.query({ runId, pageSize: 50 });
    expect(page.results).toHaveLength(12);
    for (const result of page.results) {
      const n = (result.input as { n: number }).n;
      if (n === 3) {
        expect(result.output).toBeNull();
        expect(result.error).toMatch(/cannot be stored: it is nested deeper than 64 levels/);
      } else {
        expect(result.error).toBeNull();
        sameJson(result.output, reply(n));
        sameJson((await wire.runs.result.query({ id: result.id })).output, reply(n));
      }
    }

    const response = await exportRun(new Request(`http://127.0.0.1/api/runs/${runId}/export?format=jsonl`), { params: Promise.resolve({ id: runId }) });
    expect(response.status).toBe(200);
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { input: { n: number }; output: unknown });
    expect(lines).toHaveLength(12);
    for (const line of lines) if (line.input.n !== 3) sameJson(line.output, reply(line.input.n));
    expectNoPollution();
  });
});

describe("the engine's item feed (raw SQL) reads items back unchanged", () => {
  it("the target receives each item's input and metadata exactly as they were added; the scorer sees the expected output", async () => {
    const received = new Map<string, string>();
    const target = await startHttpTarget(({ body }, res) => {
      const { input, metadata } = body as { input: { key: string; value: JsonValue }; metadata: JsonValue };
      received.set(input.key, JSON.stringify({ input: input.value, metadata }));
      json(res, 200, input.value);
    });
    try {
      const values = [hostile, ...fc.sample(jsonArb, { numRuns: 30, seed: 7 })];
      const items = values.map((value, i) => ({ input: { key: `k${i}`, value }, expectedOutput: value, metadata: { value } }));
      const ds = await api().datasets.create({ name: "hostile-feed" });
      await api().items.bulkAdd({ datasetId: ds.id, items });
      const { runId } = await wire.runs.trigger.mutate({
        datasetId: ds.id,
        target: { kind: "http", url: target.url },
        scorers: [{ type: "json-equal" }],
        settings: { concurrency: 4, retries: 0 },
      });
      const run = await waitForRunEnd(runId);
      expect(run.status).toBe("completed");
      expect(run.failedCount).toBe(0);
      for (const [i, value] of values.entries()) expect(received.get(`k${i}`)).toBe(JSON.stringify({ input: value, metadata: { value } }));
      // The target echoes the input's value; json-equal against the expected output passes only if the feed gave it back unchanged.
      expect(run.summary?.scorers[0]).toMatchObject({ name: "json-equal", passRate: 1 });
      expectNoPollution();
    } finally {
      await target.close();
    }
  });
});

async function exportRunText(runId: string, format: "csv" | "json" | "jsonl"): Promise<string> {
  const response = await exportRun(new Request(`http://127.0.0.1/api/runs/${runId}/export?format=${format}`), { params: Promise.resolve({ id: runId }) });
  expect(response.status).toBe(200);
  return response.text();
}

describe("run results written by the engine's writer (raw SQL) round-trip unchanged", () => {
  it("any output: the tRPC results procedure over the wire, and the JSONL, JSON and CSV exports", async () => {
    const ds = await datasetWith([{ input: 1 }, { input: 2 }, { input: 3 }], "writer-roundtrip");
    const items = await db.datasetItem.findMany({ where: { datasetId: ds.id }, orderBy: { ordinal: "asc" } });
    const owner = "json-storage-test/1";
    await fc.assert(
      fc.asyncProperty(fc.array(jsonArb, { minLength: 1, maxLength: items.length }), async (outputs) => {
        const run = await db.run.create({
          data: {
            datasetId: ds.id,
            datasetVersion: 1,
            target: { kind: "echo" },
            scorers: [],
            settings: {},
            total: outputs.length,
            status: "running",
            leaseOwner: owner,
            leaseExpiresAt: new Date(Date.now() + 60_000),
          },
        });
        const writer = new ResultWriter(run.id, { intervalMs: 60_000, leaseOwner: owner });
        outputs.forEach((output, index) => {
          const item = items[index]!;
          writer.add({
            id: newId(),
            datasetItemId: item.id,
            itemId: item.itemId,
            ordinal: item.ordinal,
            repetition: 0,
            output,
            error: null,
            latencyMs: 1,
            attempts: 1,
            round: 1,
            promptTokens: null,
            completionTokens: null,
            costUsd: null,
            scores: [],
          });
        });
        await writer.close();

        const page = await wire.runs.results.query({ runId: run.id, pageSize: 50 });
        expect(page.results).toHaveLength(outputs.length);
        page.results.forEach((result, index) => sameJson(result.output, outputs[index]));

        const lines = (await exportRunText(run.id, "jsonl"))
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as { output: unknown });
        lines.forEach((line, index) => sameJson(line.output, outputs[index]));
        const records = JSON.parse(await exportRunText(run.id, "json")) as { output: unknown }[];
        records.forEach((record, index) => sameJson(record.output, outputs[index]));
        // CSV has no null apart from the empty cell: a null output reads back as "" (a missing output, as the export means it).
        const rows = await csvRowsAsImported(await exportRunText(run.id, "csv"));
        expect(rows).toHaveLength(outputs.length);
        rows.forEach((row, index) => sameJson(row.output, outputs[index] === null ? "" : outputs[index]));
        expectNoPollution();
      }),
      { numRuns: 40 },
    );
  });
});

/** A NUL or a lone surrogate in a string or key of a parsed value: what PostgreSQL's jsonb refuses. */
function jsonbRefuses(value: unknown): boolean {
  const bad = (text: string) => text.includes("\u0000") || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === "string" && bad(node)) return true;
    if (Array.isArray(node)) stack.push(...(node as unknown[]));
    else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (bad(key)) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

describe("what the database holds", () => {
  it("no stored JSON text holds a NUL or a lone surrogate, escaped or not (PostgreSQL's jsonb could take all of it)", async () => {
    // Values of its own, through both write paths (a Prisma write per item, raw SQL for bulk items and results);
    // run with the whole file, it reads what the tests above stored too.
    const values = [...HOSTILE_STRINGS, ...EXTREME_NUMBERS, hostile, ...fc.sample(jsonArb, { numRuns: 60, seed: 7 })];
    const ds = await datasetWith(
      values.map((input) => ({ input, expectedOutput: input, metadata: { value: input } })),
      "jsonb-check",
    );
    await api().items.add({ datasetId: ds.id, item: { input: hostile, expectedOutput: "a\u0000b", metadata: { nul: "\u0000" } } });
    const items = await db.datasetItem.findMany({ where: { datasetId: ds.id, validTo: null }, orderBy: { ordinal: "asc" } });
    const owner = "jsonb-check/1";
    const run = await db.run.create({
      data: {
        datasetId: ds.id,
        datasetVersion: 2,
        target: { kind: "echo" },
        scorers: [],
        settings: {},
        total: items.length,
        status: "running",
        leaseOwner: owner,
        leaseExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    const writer = new ResultWriter(run.id, { intervalMs: 60_000, leaseOwner: owner });
    items.forEach((item, index) =>
      writer.add({
        id: newId(),
        datasetItemId: item.id,
        itemId: item.itemId,
        ordinal: item.ordinal,
        repetition: 0,
        output: values[index] ?? hostile,
        error: null,
        latencyMs: 1,
        attempts: 1,
        round: 1,
        promptTokens: null,
        completionTokens: null,
        costUsd: null,
        scores: [],
      }),
    );
    await writer.close();

    // As text: the columns are declared JSONB, which gives them numeric affinity, so SQLite keeps a bare number as a number.
    const rows = await db.$queryRawUnsafe<{ text: string | null }[]>(
      ['"Result"."output"', '"DatasetItem"."input"', '"DatasetItem"."expectedOutput"', '"DatasetItem"."metadata"']
        .map((column) => `SELECT CAST(${column} AS TEXT) AS "text" FROM ${column.split(".")[0]}`)
        .join(" UNION ALL "),
    );
    const texts = rows.flatMap((row) => (typeof row.text === "string" ? [row.text] : []));
    expect(texts.length).toBeGreaterThanOrEqual(values.length * 4);
    expect(texts.filter((text) => jsonbRefuses(JSON.parse(text)))).toEqual([]);
    // And what was stored reads back as written.
    const page = await wire.runs.results.query({ runId: run.id, pageSize: 200 });
    page.results.forEach((result, index) => sameJson(result.output, values[index] ?? hostile));
  });
});
