import { describe, expect, it, vi } from "vitest";
import { POST as importRoute } from "@/app/api/datasets/[id]/import/route";
import { db } from "@/server/db";
import { api } from "@/test/caller";

// Small limits, so the tests send little. Set before the server's env is read.
const LIMITS = vi.hoisted(() => {
  const limits = { importBytes: 256 * 1024, datasetItems: 100 };
  process.env.TRIALRUN_MAX_IMPORT_BYTES = String(limits.importBytes);
  process.env.TRIALRUN_MAX_DATASET_ITEMS = String(limits.datasetItems);
  return limits;
});

/** A request body that streams `text` in 16 KiB chunks and records how far it was read, and whether it was cancelled. */
function streamedBody(text: string) {
  const bytes = new TextEncoder().encode(text);
  const state = { pulled: 0, cancelled: false, total: bytes.length };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= bytes.length) return controller.close();
      const chunk = bytes.subarray(state.pulled, state.pulled + 16 * 1024);
      state.pulled += chunk.length;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function importStream(datasetId: string, format: string, body: BodyInit, headers: Record<string, string> = {}) {
  const req = new Request(`http://t/api/datasets/${datasetId}/import?format=${format}`, { method: "POST", body, headers, duplex: "half" } as RequestInit);
  const res = await importRoute(req, { params: Promise.resolve({ id: datasetId }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const stagedRows = (datasetId: string) => db.datasetItem.count({ where: { datasetId } });

describe("import limits", () => {
  it("a body over TRIALRUN_MAX_IMPORT_BYTES answers 413 naming the limit and the variable, once the body is read off", async () => {
    const ds = await api().datasets.create({ name: "import-too-large" });
    // Rows of about 5 KiB: the limit is reached long before the item limit.
    const rows = Array.from({ length: 80 }, (_, i) => `q${i},${"a".repeat(5 * 1024)}`);
    const { stream, state } = streamedBody(`input,expectedOutput\n${rows.join("\n")}\n`);
    expect(state.total).toBeGreaterThan(LIMITS.importBytes);
    const res = await importStream(ds.id, "csv", stream);
    expect(res).toEqual({
      status: 413,
      body: {
        ok: false,
        error: "The file is larger than 256 KiB, the most one import may send (TRIALRUN_MAX_IMPORT_BYTES). Split it into smaller files, or raise the limit.",
      },
    });
    expect(state).toMatchObject({ pulled: state.total, cancelled: false });
    expect(await stagedRows(ds.id)).toBe(0);
    expect((await api().datasets.get({ id: ds.id })).itemCount).toBe(0);
  });

  it("a body whose Content-Length is over the limit is refused without being parsed", async () => {
    const ds = await api().datasets.create({ name: "import-declared-too-large" });
    // Parsed, this would be refused for its header (two columns "a") with a 400.
    const text = `a,a\n${"x".repeat(LIMITS.importBytes)}\n`;
    const { stream, state } = streamedBody(text);
    const res = await importStream(ds.id, "csv", stream, { "content-length": String(state.total) });
    expect(res.status).toBe(413);
    expect(res.body.error).toContain("TRIALRUN_MAX_IMPORT_BYTES");
    expect(state.cancelled).toBe(false);
  });

  it("stops reading once more errors are known than it lists, saying where, and reads the rest of the body off unparsed", async () => {
    const ds = await api().datasets.create({ name: "import-many-errors" });
    const rows = Array.from({ length: 5000 }, (_, i) => `,no input ${i}`);
    const { stream, state } = streamedBody(`input,expectedOutput\n${rows.join("\n")}\n`);
    const res = await importStream(ds.id, "csv", stream);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      ok: false,
      moreErrors: true,
      rowsRead: 21,
      stoppedAt: { line: 22, item: 21, message: "…and more; the import stopped at line 22." },
    });
    expect(res.body.errors).toHaveLength(20);
    expect(state).toMatchObject({ pulled: state.total, cancelled: false });
    expect(await stagedRows(ds.id)).toBe(0);
  });

  it("checks the dataset's item limit while reading, stopping at the first row that does not fit", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "import-item-limit" });
    await caller.items.bulkAdd({ datasetId: ds.id, items: Array.from({ length: LIMITS.datasetItems - 10 }, (_, i) => ({ input: `existing ${i}` })) });
    const rows = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ input: `new ${i}` }));
    const res = await importStream(ds.id, "jsonl", rows.join("\n"));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      ok: false,
      rowsRead: 11,
      fileError: {
        line: 11,
        message:
          "A dataset may hold at most 100 items (TRIALRUN_MAX_DATASET_ITEMS) and this one has 90: the file has more rows than fit, so the import stopped at line 11.",
      },
    });
    expect(await stagedRows(ds.id)).toBe(LIMITS.datasetItems - 10);
    // Exactly as many as fit: imported.
    const fits = await importStream(ds.id, "jsonl", rows.slice(0, 10).join("\n"));
    expect(fits.body).toMatchObject({ ok: true, imported: 10 });
  });

  it("a dataset id with an invalid percent-encoding is a 400 naming the id", async () => {
    const res = await importRoute(new Request("http://t/api/datasets/%FF/import?format=csv", { method: "POST", body: "input\na\n" }), {
      params: Promise.resolve({ id: "%FF" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: "id", error: expect.stringContaining("percent-encoding") });
  });
});
