import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/datasets/[id]/import/route";
import { GET as exportDatasetRoute } from "@/app/api/datasets/[id]/export/route";
import { GET as exportRunRoute } from "@/app/api/runs/[id]/export/route";
import { GET as exportCompareRoute } from "@/app/api/compare/export/route";
import { db } from "@/server/db";
import { api, waitFor } from "@/test/caller";

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve(import.meta.dirname, "fixtures", name))) as Uint8Array<ArrayBuffer>;

async function importFile(datasetId: string, format: string, body: string | Uint8Array<ArrayBuffer>, mapping?: unknown, params: Record<string, string> = {}) {
  const query = new URLSearchParams({ format, ...(mapping ? { mapping: JSON.stringify(mapping) } : {}), ...params });
  const res = await importRoute(new Request(`http://t/api/datasets/${datasetId}/import?${query}`, { method: "POST", body }), {
    params: Promise.resolve({ id: datasetId }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function exportDataset(datasetId: string, format: string, version?: number) {
  const res = await exportDatasetRoute(
    new Request(`http://t/api/datasets/${datasetId}/export?format=${format}${version !== undefined ? `&version=${version}` : ""}`),
    { params: Promise.resolve({ id: datasetId }) },
  );
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") };
}

async function items(datasetId: string) {
  return (await api().items.list({ datasetId, pageSize: 200 })).items.map(({ input, expectedOutput, metadata }) => ({ input, expectedOutput, metadata }));
}

const TRICKY = [
  { input: { question: "What is 2+2?", context: ["a", "b"] }, expectedOutput: "4", metadata: { lang: "en" } },
  { input: "=SUM(A1:A3)", expectedOutput: "-5", metadata: { note: "formula-looking text" } },
  { input: -5, expectedOutput: 42, metadata: null },
  { input: 'plain, with "quotes"\nand a newline', expectedOutput: null, metadata: { ünïcode: "✓ 日本語" } },
  { input: "'apostrophe first", expectedOutput: "@mention", metadata: { nested: { deep: [1, { x: true }] } } },
  { input: "true", expectedOutput: '{"not":"an object"}', metadata: null },
  // Text that JSON would change, and the empty text: all stay exactly as they are.
  { input: "long integer", expectedOutput: "12345678901234567890", metadata: { zero: "-0", exp: "1e5", lead: "007" } },
  { input: "trailing zero", expectedOutput: "1.50", metadata: { spaced: " 42 ", empty: "" } },
  { input: "empty expected", expectedOutput: "", metadata: null },
  { input: { n: 12345678901234 }, expectedOutput: 1.5, metadata: { list: [] } },
  { input: "a\r\nb\rc", expectedOutput: "tab\tinside", metadata: null },
];

describe("import", () => {
  it("imports CSV with a column mapping as one version, parsing JSON cells", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "import-csv" });
    const csv = 'question,answer,lang,extra\n"Capital of France?",Paris,en,"{""tags"":[""geo""]}"\nHow many legs has a spider?,8,en,\n';
    const res = await importFile(ds.id, "csv", csv, {
      columns: {
        question: { to: "input", path: "question" },
        answer: { to: "expectedOutput" },
        lang: { to: "metadata", path: "lang" },
        extra: { to: "metadata", path: "extra" },
      },
    });
    expect(res).toMatchObject({ status: 200, body: { ok: true, imported: 2, version: 1 } });
    expect(await items(ds.id)).toEqual([
      { input: { question: "Capital of France?" }, expectedOutput: "Paris", metadata: { lang: "en", extra: { tags: ["geo"] } } },
      // An empty cell is the empty text where it is mapped.
      { input: { question: "How many legs has a spider?" }, expectedOutput: 8, metadata: { lang: "en", extra: "" } },
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
    expect(res.body).toMatchObject({
      ok: false,
      rowsRead: 5,
      errors: [
        { line: 3, item: 3, message: "input is empty: the row has no key “input”" },
        { line: 4, item: 4, message: "input is empty: key “input” is empty or null" },
      ],
    });
    const after = await caller.datasets.get({ id: ds.id });
    expect(after).toMatchObject({ itemCount: 1, version: 1 });
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(1);

    const broken = await importFile(ds.id, "jsonl", '{"input":"a"}\n{not json');
    expect(broken.body).toMatchObject({ ok: false, errors: [{ line: 2, message: expect.stringMatching(/^not valid JSON: .*\(column 2\)$/) }] });
    const badCsv = await importFile(ds.id, "csv", 'input,expectedOutput\n"unclosed,1\n');
    expect(badCsv.body).toMatchObject({ ok: false, errors: [], fileError: { line: 2, message: expect.stringMatching(/never closed/) } });
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

describe("import reads what the file says, and nothing else", () => {
  it("a first import of question,answer works with the default mapping", async () => {
    const ds = await api().datasets.create({ name: "import-qa-default" });
    const res = await importFile(ds.id, "csv", fixture("question-answer.csv"));
    expect(res.body).toMatchObject({
      ok: true,
      imported: 2,
      settings: { encoding: { encoding: "utf-8", source: "default" }, delimiter: { delimiter: ",", source: "detected" } },
    });
    expect(await items(ds.id)).toEqual([
      { input: "Capital of France?", expectedOutput: "Paris", metadata: null },
      { input: "Two plus two?", expectedOutput: 4, metadata: null },
    ]);
  });

  it("a Windows file with one line ending differently: every row its own item, in order", async () => {
    const ds = await api().datasets.create({ name: "import-mixed-endings" });
    const res = await importFile(ds.id, "csv", fixture("mixed-line-endings.csv"));
    expect(res.body).toMatchObject({ ok: true, imported: 6 });
    expect((await items(ds.id)).map((item) => [item.input, item.expectedOutput])).toEqual([
      ["q1", "a1"],
      ["q2", "a2"],
      ["q3", "two\r\nlines"],
      ["q4", "a4"],
      ["q5", "lf\ninside"],
      ["q6", "a6"],
    ]);
  });

  it("values: JSON only where the text is exactly that JSON; an empty cell is the empty text", async () => {
    const ds = await api().datasets.create({ name: "import-values" });
    const res = await importFile(ds.id, "csv", fixture("values.csv"));
    expect(res.body).toMatchObject({ ok: true, imported: 12 });
    expect((await items(ds.id)).map((item) => [item.input, item.expectedOutput])).toEqual([
      ["long integer", "12345678901234567890"],
      ["trailing zero", "1.50"],
      ["exponent", "1e5"],
      ["negative zero", "-0"],
      ["leading zero", "007"],
      ["empty expected", ""],
      ["integer", 42],
      ["boolean", true],
      ["object", { a: 1 }],
      ["spaced object", { a: [1, 2] }],
      ["quoted string", "text"],
      ["spaces", " 42 "],
    ]);
  });

  it("semicolon UTF-16, UTF-8 with a byte-order mark, tab: detected; Windows-1252 refused with a hint unless chosen", async () => {
    const caller = api();
    const utf16 = await caller.datasets.create({ name: "import-utf16" });
    const res = await importFile(utf16.id, "csv", fixture("utf16le-bom-semicolon.csv"));
    expect(res.body).toMatchObject({ ok: true, imported: 2, settings: { encoding: { encoding: "utf-16le", source: "bom" }, delimiter: { delimiter: ";" } } });
    expect((await items(utf16.id)).map((item) => item.expectedOutput)).toEqual(["Oui, crème", "✓ 𝄞"]);

    const tab = await caller.datasets.create({ name: "import-tab" });
    expect((await importFile(tab.id, "csv", fixture("tab.tsv"), undefined, { delimiter: "tab" })).body).toMatchObject({
      ok: true,
      imported: 1,
      settings: { delimiter: { delimiter: "\t", source: "chosen" } },
    });

    const latin = await caller.datasets.create({ name: "import-1252" });
    const refused = await importFile(latin.id, "csv", fixture("windows-1252.csv"));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ ok: false, errors: [], fileError: { line: 2, message: expect.stringContaining("looks like Windows-1252") } });
    expect(await db.datasetItem.count({ where: { datasetId: latin.id } })).toBe(0);
    const chosen = await importFile(latin.id, "csv", fixture("windows-1252.csv"), undefined, { encoding: "windows-1252" });
    expect(chosen.body).toMatchObject({ ok: true, imported: 2 });
    expect((await items(latin.id)).map((item) => item.input)).toEqual(["Café?", "Prix en €?"]);

    expect((await importFile(latin.id, "csv", "a\n1\n", undefined, { encoding: "ebcdic" })).body).toMatchObject({ field: "encoding" });
    expect((await importFile(latin.id, "csv", "a\n1\n", undefined, { delimiter: "colon" })).body).toMatchObject({ field: "delimiter" });
  });

  it("row errors name the line in the file and the column; file problems are worded as such", async () => {
    const ds = await api().datasets.create({ name: "import-error-words" });
    const csv = 'question,answer\n"two\nlines",ok\n,empty question\n3,4,5\n';
    const res = await importFile(ds.id, "csv", csv);
    expect(res.body).toMatchObject({
      ok: false,
      errors: [
        { line: 4, item: 2, message: "input is empty: column “question” is empty" },
        { line: 5, item: 3, message: expect.stringContaining("the row has 3 cells, but the header has 2 columns") },
      ],
    });
    expect((res.body as { fileError?: unknown }).fileError).toBeUndefined();
    const header = await importFile(ds.id, "csv", "a,a\n1,2\n");
    expect(header.body).toMatchObject({ fileError: { line: 1, message: expect.stringContaining("two columns “a”") } });
    const delimiter = await importFile(ds.id, "csv", fixture("semicolon.csv"), undefined, { delimiter: "comma" });
    expect(delimiter.body).toMatchObject({ fileError: { line: 1, message: expect.stringContaining("looks separated by semicolon") } });
    const missing = await importFile(ds.id, "csv", "q,a\n1,2\n", { columns: { question: { to: "input" } } });
    expect(missing.body).toMatchObject({ fileError: { message: expect.stringContaining("“question”") } });
    const conflict = await importFile(ds.id, "csv", "q,a\n1,2\n", { columns: { q: { to: "input" }, a: { to: "input" } } });
    expect(conflict).toMatchObject({ status: 400, body: { field: "mapping", error: expect.stringContaining("already fills the whole input") } });
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(0);
  });

  it("a mapping path through __proto__, constructor or prototype is a plain key, never the prototype", async () => {
    const ds = await api().datasets.create({ name: "import-proto" });
    const mapping = {
      columns: {
        q: { to: "input", path: "__proto__.polluted" },
        a: { to: "expectedOutput", path: "constructor.prototype.polluted" },
        ["__proto__"]: { to: "metadata", path: "prototype" },
      },
    };
    const csv = "q,a,__proto__\nyes,also,meta\n";
    // The computed key is an own "__proto__" property, sent as such in the JSON.
    const res = await importFile(ds.id, "csv", csv, mapping);
    expect(res.body).toMatchObject({ ok: true, imported: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    const [item] = await items(ds.id);
    expect(JSON.stringify(item)).toBe(
      '{"input":{"__proto__":{"polluted":"yes"}},"expectedOutput":{"constructor":{"prototype":{"polluted":"also"}}},"metadata":{"prototype":"meta"}}',
    );
    // The server still answers.
    expect((await api().datasets.get({ id: ds.id })).itemCount).toBe(1);
  });
});

const deepArray = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

describe("import refuses what it cannot store, and shares the thread", () => {
  it("a JSON row or a CSV cell read as JSON nested deeper than 64 levels is a row error with its line; 100,000 levels do not crash", async () => {
    const ds = await api().datasets.create({ name: "import-deep" });
    // deepArray(65): arrays at levels 0 to 64, as deep as a value may be; one more is too deep.
    const jsonl = [`{"input":${deepArray(65)}}`, `{"input":${deepArray(66)}}`, `{"input":"ok","expectedOutput":${deepArray(100_000)}}`].join("\n");
    const fromJsonl = await importFile(ds.id, "jsonl", jsonl);
    expect(fromJsonl).toMatchObject({
      status: 400,
      body: {
        ok: false,
        errors: [
          { line: 2, message: "input is nested deeper than 64 levels" },
          { line: 3, message: "expectedOutput is nested deeper than 64 levels" },
        ],
      },
    });
    expect((fromJsonl.body.errors as unknown[]).length).toBe(2);

    const csv = `input,expectedOutput\nq1,${deepArray(65)}\nq2,${deepArray(66)}\n${deepArray(100_000)},a3\n`;
    const fromCsv = await importFile(ds.id, "csv", csv);
    expect(fromCsv.body).toMatchObject({
      ok: false,
      errors: [
        { line: 3, message: "expected output is nested deeper than 64 levels" },
        { line: 4, message: "input is nested deeper than 64 levels" },
      ],
    });
    // A path in the mapping adds its levels to the cell's.
    const atPath = await importFile(ds.id, "csv", `q\n${deepArray(65)}\n`, { columns: { q: { to: "input", path: "a" } } });
    expect(atPath.body).toMatchObject({ ok: false, errors: [{ line: 2, message: "input is nested deeper than 64 levels" }] });
    expect(await db.datasetItem.count({ where: { datasetId: ds.id } })).toBe(0);
    expect((await importFile(ds.id, "jsonl", `{"input":${deepArray(65)}}`)).body).toMatchObject({ ok: true, imported: 1 });
  });

  it("gives the event loop a turn every few milliseconds while it reads, so other requests are answered", async () => {
    const ds = await api().datasets.create({ name: "import-yields" });
    const body = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ input: { n: i, text: "some words to read ".repeat(5) }, expectedOutput: i })).join(
      "\n",
    );
    let turns = 0;
    let longestGapMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
      turns += 1;
    }, 1);
    const started = performance.now();
    let res: Awaited<ReturnType<typeof importFile>>;
    try {
      res = await importFile(ds.id, "jsonl", body);
    } finally {
      clearInterval(timer);
    }
    const tookMs = performance.now() - started;
    expect(res.body).toMatchObject({ ok: true, imported: 20_000 });
    console.log(`import of 20k rows: ${Math.round(tookMs)} ms, ${turns} timer turns, longest gap ${Math.round(longestGapMs)} ms`);
    // Not a timing bound (a busy machine delays timers whatever the code does): a count. Without
    // yielding, the timer got no turn while rows were read; with it, about 40 on a quiet machine.
    expect(turns).toBeGreaterThanOrEqual(10);
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
    const { itemIds } = await caller.items.bulkAdd({ datasetId: ds.id, items: [{ input: '=HYPERLINK("http://x")' }, { input: "+1" }, { input: "@cmd" }] });
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
    await caller.items.bulkAdd({
      datasetId: ds.id,
      items: [
        { input: "a", expectedOutput: "a" },
        { input: "b", expectedOutput: "x" },
      ],
    });
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
    const rows = jsonl
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { deltas: Record<string, number> });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.deltas).toEqual({ "exact-match": 0 });
    const missing = await exportRunRoute(new Request("http://t/api/runs/nope/export?format=csv"), { params: Promise.resolve({ id: "nope" }) });
    expect(missing.status).toBe(404);
  });
});
