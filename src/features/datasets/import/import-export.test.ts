import { describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/datasets/[id]/import/route";
import { GET as exportDatasetRoute } from "@/app/api/datasets/[id]/export/route";
import { GET as exportRunRoute } from "@/app/api/runs/[id]/export/route";
import { GET as exportCompareRoute } from "@/app/api/compare/export/route";
import { db } from "@/server/db";
import { api, waitFor } from "@/test/caller";

async function importFile(datasetId: string, format: string, body: string, mapping?: unknown) {
  const query = new URLSearchParams({ format, ...(mapping ? { mapping: JSON.stringify(mapping) } : {}) });
  const res = await importRoute(new Request(`http://t/api/datasets/${datasetId}/import?${query}`, { method: "POST", body }), { params: Promise.resolve({ id: datasetId }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function exportDataset(datasetId: string, format: string, version?: number) {
  const res = await exportDatasetRoute(new Request(`http://t/api/datasets/${datasetId}/export?format=${format}${version !== undefined ? `&version=${version}` : ""}`), { params: Promise.resolve({ id: datasetId }) });
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") };
}

async function items(datasetId: string) {
  return (await api().items.list({ datasetId, pageSize: 200 })).items.map(({ input, expectedOutput, metadata }) => ({ input, expectedOutput, metadata }));
}

const TRICKY = [
  { input: { question: "What is 2+2?", context: ["a", "b"] }, expectedOutput: "4", metadata: { lang: "en" } },
  { input: "=SUM(A1:A3)", expectedOutput: "-5", metadata: { note: "formula-looking text" } },
  { input: -5, expectedOutput: 42, metadata: null },
  { input: "plain, with \"quotes\"\nand a newline", expectedOutput: null, metadata: { "ünïcode": "✓ 日本語" } },
  { input: "'apostrophe first", expectedOutput: "@mention", metadata: { nested: { deep: [1, { x: true }] } } },
  { input: "true", expectedOutput: "{\"not\":\"an object\"}", metadata: null },
];

describe("import", () => {
  it("imports CSV with a column mapping as one version, parsing JSON cells", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "import-csv" });
    const csv = 'question,answer,lang,extra\n"Capital of France?",Paris,en,"{""tags"":[""geo""]}"\nHow many legs has a spider?,8,en,\n';
    const res = await importFile(ds.id, "csv", csv, {
      columns: { question: { to: "input", path: "question" }, answer: { to: "expectedOutput" }, lang: { to: "metadata", path: "lang" }, extra: { to: "metadata", path: "extra" } },
    });
    expect(res).toMatchObject({ status: 200, body: { ok: true, imported: 2, version: 1 } });
    expect(await items(ds.id)).toEqual([
      { input: { question: "Capital of France?" }, expectedOutput: "Paris", metadata: { lang: "en", extra: { tags: ["geo"] } } },
      { input: { question: "How many legs has a spider?" }, expectedOutput: 8, metadata: { lang: "en" } },
    ]);
    expect((await caller.datasets.versions({ id: ds.id }))[0]).toMatchObject({ version: 1, added: 2, note: "imported 2 items" });
  });

  it("refuses the whole file with row-level errors, leaving nothing behind", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "import-errors" });
    await caller.items.add({ datasetId: ds.id, item: { input: "existing" } });
    const jsonl = ['{"input":"a"}', '{"input":"b"}', '{"expectedOutput":"no input"}', '{"input":""}', '{"input":"e"}'].join("\n");
    const res = await importFile(ds.id, "jsonl", jsonl);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, rowsRead: 5, errors: [{ row: 3, message: "input is empty" }, { row: 4, message: "input is empty" }] });
    const after = await caller.datasets.get({ id: ds.id });
    expect(after).toMatchObject({ itemCount: 1, version: 1 });
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(1);

    const broken = await importFile(ds.id, "jsonl", '{"input":"a"}\n{not json');
    expect(broken.body).toMatchObject({ ok: false, errors: [{ message: "line 2: not valid JSON" }] });
    const badCsv = await importFile(ds.id, "csv", 'input,expectedOutput\n"unclosed,1\n');
    expect(badCsv.body.ok).toBe(false);
    const badMapping = await importFile(ds.id, "csv", "a\n1\n", { columns: { a: { to: "metadata" } } });
    expect(badMapping).toMatchObject({ status: 400, body: { error: "mapping: map at least one column to the input" } });
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(1);
  });

  it("streams a few thousand JSONL rows into one version", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "import-many" });
    const body = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ input: { n: i }, expectedOutput: i % 7 })).join("\n");
    const res = await importFile(ds.id, "jsonl", body);
    expect(res.body).toMatchObject({ ok: true, imported: 3000, version: 1 });
    const page = await caller.items.list({ datasetId: ds.id, page: 30, pageSize: 100 });
    expect(page.items.at(-1)).toMatchObject({ input: { n: 2999 }, ordinal: 3000 });
  });
});

describe("export", () => {
  for (const format of ["csv", "json", "jsonl"]) {
    it(`round-trips a dataset through ${format}: what goes out comes back in unchanged`, async () => {
      const caller = api();
      const source = await caller.datasets.create({ name: `roundtrip-${format}` });
      await caller.items.bulkAdd({ datasetId: source.id, items: TRICKY as never });
      const exported = await exportDataset(source.id, format);
      expect(exported.status).toBe(200);
      const target = await caller.datasets.create({ name: `roundtrip-${format}-back` });
      const back = await importFile(target.id, format, exported.text);
      expect(back.body).toMatchObject({ ok: true, imported: TRICKY.length });
      expect(await items(target.id)).toEqual(await items(source.id));
    });
  }

  it("neutralises spreadsheet formulas in CSV and exports past versions", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "formulas" });
    const { itemIds } = await caller.items.bulkAdd({ datasetId: ds.id, items: [{ input: "=HYPERLINK(\"http://x\")" }, { input: "+1" }, { input: "@cmd" }] });
    const csv = (await exportDataset(ds.id, "csv")).text;
    expect(csv).toContain("'=HYPERLINK");
    expect(csv).toMatch(/\n[^\n]*,'\+1,/);
    expect(csv).toContain("'@cmd");
    await caller.items.delete({ itemIds: [itemIds[0]!] });
    expect((await exportDataset(ds.id, "jsonl")).text.trim().split("\n")).toHaveLength(2);
    expect((await exportDataset(ds.id, "jsonl", 1)).text.trim().split("\n")).toHaveLength(3);
    expect((await exportDataset(ds.id, "csv", 9)).status).toBe(400);
  });

  it("exports a run's results with scores, and a comparison", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "export-runs" });
    await caller.items.bulkAdd({ datasetId: ds.id, items: [{ input: "a", expectedOutput: "a" }, { input: "b", expectedOutput: "x" }] });
    const run = async () => {
      const { runId } = await caller.runs.trigger({ datasetId: ds.id, target: { kind: "echo" }, scorers: [{ type: "exact-match" }] });
      await waitFor(async () => (await caller.runs.get({ id: runId })).status === "completed");
      return runId;
    };
    const [a, b] = [await run(), await run()];
    const csv = await (await exportRunRoute(new Request(`http://t/api/runs/${a}/export?format=csv`), { params: Promise.resolve({ id: a }) })).text();
    const [header, first, second] = csv.trim().split("\n");
    expect(header).toBe("ordinal,itemId,repetition,input,expectedOutput,output,error,latencyMs,attempts,exact-match.score,exact-match.passed");
    expect(first).toMatch(/^1,\w+,0,a,a,a,,\d+,1,1,true$/);
    expect(second).toMatch(/^2,\w+,0,b,x,b,,\d+,1,0,false$/);
    const jsonl = await (await exportCompareRoute(new Request(`http://t/api/compare/export?baselineRunId=${a}&candidateRunId=${b}&format=jsonl`))).text();
    const rows = jsonl.trim().split("\n").map((l) => JSON.parse(l) as { deltas: Record<string, number> });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.deltas).toEqual({ "exact-match": 0 });
    const missing = await exportRunRoute(new Request("http://t/api/runs/nope/export?format=csv"), { params: Promise.resolve({ id: "nope" }) });
    expect(missing.status).toBe(404);
  });
});
