import { describe, expect, it } from "vitest";
import { api, waitFor } from "@/test/caller";
import type { JsonValue } from "@/lib/json";
import { db } from "@/server/db";
import type { ListResultsInput } from "../schemas";
import { readResultPage, readRunRow, resultInclude, runInclude } from "./run-rows";

/**
 * The polled reads run on the driver; what they give must be what Prisma
 * gives for the same rows — dates, booleans, JSON of every shape, NULLs —
 * on both databases.
 */
describe("run rows read on the driver", () => {
  async function finishedRun() {
    const caller = api();
    const ds = await caller.datasets.create({ name: `rows-${Math.random().toString(36).slice(2)}` });
    const inputs: { input: JsonValue; expectedOutput?: JsonValue; metadata?: { [key: string]: JsonValue } }[] = [
      { input: "plain", expectedOutput: "plain" },
      { input: { nested: { list: [1, 2.5, null, true] }, text: "ünïcødé 🎉" }, expectedOutput: null, metadata: { tag: "a" } },
      { input: [1, "two", { three: 3 }], expectedOutput: [1, "two", { three: 3 }] },
      { input: 12.75, expectedOutput: 12.75, metadata: { note: "100% done_ok" } },
      { input: null, expectedOutput: "x" },
      ...Array.from({ length: 25 }, (_, i) => ({ input: { i }, expectedOutput: { i } })),
    ];
    await caller.items.bulkAdd({ datasetId: ds.id, items: inputs });
    const { runId } = await caller.runs.trigger({
      datasetId: ds.id,
      name: "rows",
      target: { kind: "demo", latencyMs: 0, jitterMs: 0, failureRate: 0.3, accuracy: 0.5 },
      scorers: [
        { type: "exact-match", name: "exact" },
        { type: "levenshtein", name: "close", gate: { requires: ["exact"] } },
      ],
      settings: { repetitions: 2 },
    });
    await waitFor(async () => {
      const run = await caller.runs.get({ id: runId });
      return run.status === "completed" && run.settled;
    });
    return runId;
  }

  it("gives a run and every page of its results as Prisma does, under every filter and sort", async () => {
    const runId = await finishedRun();
    expect(await readRunRow(runId)).toEqual(await db.run.findUnique({ where: { id: runId }, include: runInclude }));
    expect(await readRunRow("missing")).toBeNull();

    const filters = ["all", "succeeded", "errored", "failed", "flaky"] as const;
    const sorts = ["ordinal", "latency-desc", "latency-asc"] as const;
    let seen = 0;
    for (const filter of filters) {
      for (const sort of sorts) {
        for (const page of [1, 2]) {
          const input: ListResultsInput = { runId, page, pageSize: 20, filter, sort };
          const { rows, total } = await readResultPage(input);
          const prismaRows = await db.result.findMany({ where: { id: { in: rows.map((row) => row.id) } }, include: resultInclude });
          const byId = new Map(prismaRows.map((row) => [row.id, row]));
          expect(rows).toEqual(rows.map((row) => byId.get(row.id)));
          if (filter === "all") expect(total).toBeNull();
          else expect(total).toBe((await idsOf(input)).length);
          const where = PRISMA_FILTERS[filter];
          if (where) expect(total).toBe(await db.result.count({ where: { runId, ...where } }));
          seen += rows.length;
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it("searches for the text itself: LIKE wildcards in it match only themselves", async () => {
    const runId = await finishedRun();
    const search = async (text: string) => (await readResultPage({ runId, page: 1, pageSize: 100, filter: "all", sort: "ordinal", search: text })).total;
    expect(await search("100% done_ok")).toBe(2); // one item, two repetitions
    expect(await search("%")).toBe(2);
    expect(await search("_")).toBe(2);
    expect(await search("ÜNÏCØDÉ")).toBe(2);
  });
});

/** The filters Prisma can say on its own (flaky needs grouped SQL), to check the totals against. */
const PRISMA_FILTERS = {
  all: null,
  succeeded: { error: null },
  errored: { error: { not: null } },
  failed: { scores: { some: { passed: false } } },
  flaky: null,
} as const;

/** Every id a filter selects, over all pages. */
async function idsOf(input: ListResultsInput): Promise<string[]> {
  const { rows } = await readResultPage({ ...input, page: 1, pageSize: 200 });
  return rows.map((row) => row.id);
}
