import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportDataset } from "@/app/api/datasets/[id]/export/route";
import { GET as exportRun } from "@/app/api/runs/[id]/export/route";
import { createTrialrunClient } from "@/client";
import { parse } from "csv-parse/sync";
import { setOwn } from "@/lib/json-path";
import { STORED_JSON_KEY, type JsonValue } from "@/lib/json";
import { handleTrpcRequest } from "@/server/http/trpc-request";
import { api } from "@/test/caller";
import { waitForRunEnd } from "@/test/fixtures";
import { json, startHttpTarget } from "@/test/http-target";

/*
 * Any JSON value is stored and read back unchanged — keys such as
 * `__proto__`, `constructor`, `prototype`; lone surrogates; NUL — through
 * the router in-process, through the real tRPC HTTP handler with the wire
 * transformer (what the dashboard and the typed client use), and through the
 * REST exports; and nothing pollutes Object.prototype.
 */

// The typed client over the real tRPC fetch handler: wire format, batching and transformer included.
const wire = createTrialrunClient({
  url: "http://127.0.0.1",
  fetch: (async (url: string | URL | Request, init?: RequestInit) => handleTrpcRequest(new Request(url, init))) as typeof fetch,
});

const PROTO_KEYS = ["__proto__", "constructor", "prototype", "hasOwnProperty", "toString", STORED_JSON_KEY];
const ODD_STRINGS = ["\ud83d", "cut mid-emoji \ud83d", "\ude00 low first", "\u0000", "a\u0000b", "😀 whole", "\ud83d\ude00", ""];

const keyArb = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ unit: "binary", maxLength: 6 }));
const stringArb = fc.oneof(fc.constantFrom(...ODD_STRINGS), fc.string({ unit: "binary", maxLength: 12 }));

/** Objects built with own properties, so `__proto__` is a key (as JSON.parse makes it), never a prototype. */
const { value: jsonArb } = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    stringArb,
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.array(fc.tuple(keyArb, tie("value")), { maxLength: 5 }).map((entries) => {
      const object: Record<string, JsonValue> = {};
      for (const [key, value] of entries) setOwn(object, key, value);
      return object;
    }),
    fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>,
  ),
}));
const objectArb = fc.array(fc.tuple(keyArb, jsonArb), { maxLength: 5 }).map((entries) => {
  const object: Record<string, JsonValue> = {};
  for (const [key, value] of entries) setOwn(object, key, value);
  return object;
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
      fc.asyncProperty(fc.array(fc.record({ input: jsonArb, expectedOutput: jsonArb, metadata: objectArb }), { minLength: 1, maxLength: 3 }), fc.boolean(), async (items, overWire) => {
        const client = overWire ? wire : null;
        const added = client
          ? await client.items.bulkAdd.mutate({ datasetId: ds.id, items })
          : await api().items.bulkAdd({ datasetId: ds.id, items });
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
      }),
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
      const response = await exportDataset(new Request(`http://127.0.0.1/api/datasets/${ds.id}/export?format=${format}`), { params: Promise.resolve({ id: ds.id }) });
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
    const lines = (await response.text()).trim().split("\n").map((line) => JSON.parse(line) as { input: { n: number }; output: unknown });
    expect(lines).toHaveLength(12);
    for (const line of lines) if (line.input.n !== 3) sameJson(line.output, reply(line.input.n));
    expectNoPollution();
  });
});
