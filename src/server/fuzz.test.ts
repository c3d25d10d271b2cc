import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { appRouter } from "@/server/root";
import { api, waitFor } from "@/test/caller";

/**
 * Throws generated garbage — and near-valid inputs with one field broken — at
 * every procedure of the router (listed from the router itself, so a new
 * procedure is covered without touching this test). Asserts: no 5xx, no
 * crash, and a refused call writes nothing.
 */
const procedures = Object.keys(appRouter._def.procedures as Record<string, unknown>).sort();

type Fixture = { datasetId: string; itemId: string; runId: string; resultId: string; targetId: string };
let fixture: Fixture;

function validInputs(f: Fixture): Record<string, unknown> {
  return {
    "datasets.list": { search: "x" },
    "datasets.get": { id: f.datasetId },
    "datasets.create": { name: "fuzz-new", description: "d" },
    "datasets.update": { id: f.datasetId, description: "updated" },
    "datasets.delete": { id: "does-not-exist" },
    "datasets.createDemo": undefined,
    "items.list": { datasetId: f.datasetId, page: 1, pageSize: 10, search: "a" },
    "items.add": { datasetId: f.datasetId, item: { input: { q: 1 }, expectedOutput: "a", metadata: { k: "v" } } },
    "items.bulkAdd": { datasetId: f.datasetId, items: [{ input: "a" }, { input: { b: [1, 2] } }] },
    "items.update": { itemId: f.itemId, input: "changed" },
    "items.history": { itemId: f.itemId },
    "datasets.versions": { id: f.datasetId },
    "items.delete": { itemIds: ["does-not-exist"] },
    "runs.trigger": { datasetId: f.datasetId, target: { kind: "echo" }, scorers: [{ type: "exact-match" }], settings: { concurrency: 2 } },
    "runs.get": { id: f.runId },
    "runs.list": { datasetId: f.datasetId, status: "completed", page: 1, pageSize: 5 },
    "runs.cancel": { id: f.runId },
    "runs.retryFailed": { id: f.runId },
    "runs.results": { runId: f.runId, page: 1, pageSize: 5, filter: "errored" },
    "runs.result": { id: f.resultId },
    "runs.distributions": { runId: f.runId },
    "compare.runs": { baselineRunId: f.runId, candidateRunIds: [f.runId] },
    "compare.items": { baselineRunId: f.runId, candidateRunId: f.runId, filter: "regressed", sort: "delta-asc" },
    "auth.status": undefined,
    "apiKeys.list": undefined,
    "apiKeys.create": { name: "fuzz-key" },
    "apiKeys.revoke": { id: "does-not-exist" },
    "targets.list": undefined,
    "targets.get": { id: f.targetId },
    "targets.create": { name: "fuzz-target", description: "d", config: { kind: "demo", latencyMs: 0 } },
    "targets.update": { id: f.targetId, description: "changed", config: { kind: "echo" } },
    "targets.delete": { id: "does-not-exist" },
    "targets.try": { targetId: f.targetId, input: { q: "x" }, timeoutMs: 1000 },
  };
}

/** A near-valid input: one field replaced by garbage, removed, or an unknown one added. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  if (base === null || typeof base !== "object") return fc.anything();
  const paths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (path.length > 0) paths.push(path);
    if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(base, []);
  return fc
    .tuple(fc.constantFrom(...paths), fc.oneof(fc.anything(), fc.constant(undefined), fc.string({ maxLength: 3000 }), fc.double(), fc.integer()))
    .map(([path, garbage]) => {
      const copy = structuredClone(base) as Record<string, unknown>;
      let node: Record<string, unknown> = copy;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
      node[path[path.length - 1]!] = garbage;
      return copy;
    });
}

async function snapshot() {
  const [apiKeys, targets, datasets, items, runs, versions] = await Promise.all([
    db.apiKey.count(),
    db.target.count(),
    db.dataset.count(),
    db.datasetItem.count(),
    db.run.count(),
    db.dataset.aggregate({ _sum: { version: true, itemCount: true } }),
  ]);
  return { apiKeys, targets, datasets, items, runs, version: versions._sum.version, itemCount: versions._sum.itemCount };
}

function call(path: string, input: unknown): Promise<unknown> {
  const caller = api() as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  const [router, procedure] = path.split(".") as [string, string];
  return caller[router]![procedure]!(input);
}

beforeAll(async () => {
  const caller = api();
  const ds = await caller.datasets.create({ name: "fuzz" });
  const { itemIds } = await caller.items.bulkAdd({
    datasetId: ds.id,
    items: [
      { input: "a", expectedOutput: "a" },
      { input: "b", expectedOutput: "b" },
    ],
  });
  const { runId } = await caller.runs.trigger({ datasetId: ds.id, target: { kind: "echo" } });
  await waitFor(async () => (await caller.runs.get({ id: runId })).status === "completed");
  const { results } = await caller.runs.results({ runId });
  const target = await caller.targets.create({ name: "fuzz-echo", config: { kind: "echo" } });
  fixture = { datasetId: ds.id, itemId: itemIds[0]!, runId, resultId: results[0]!.id, targetId: target.id };
});

describe("every procedure under generated bad input", () => {
  it("covers every procedure of the router", () => {
    expect(Object.keys(validInputs(fixture)).sort()).toEqual(procedures);
  });

  for (const path of procedures) {
    it(`${path}: no 5xx, no crash, no partial write`, async () => {
      const base = validInputs(fixture)[path];
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.anything(), mutated(base)), async (input) => {
          const before = await snapshot();
          try {
            await call(path, input);
          } catch (error) {
            if (!(error instanceof TRPCError)) throw new Error(`${path} threw a non-tRPC error: ${String(error)}`);
            if (error.code === "INTERNAL_SERVER_ERROR") throw new Error(`${path} answered 500 for ${JSON.stringify(input)?.slice(0, 300)}: ${error.message}`);
            expect(error.message.length).toBeGreaterThan(0);
            expect(await snapshot()).toEqual(before);
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});
