import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { api } from "@/test/caller";

async function expectTrpcError(promise: Promise<unknown>, code: TRPCError["code"], message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  if (message) expect((error as TRPCError).message).toMatch(message);
}

describe("datasets", () => {
  it("creates, lists, renames and deletes a dataset", async () => {
    const caller = api();
    const created = await caller.datasets.create({ name: "  qa-set  ", description: "questions" });
    expect(created).toMatchObject({ name: "qa-set", description: "questions", version: 0, itemCount: 0 });

    const list = await caller.datasets.list();
    expect(list.map((d) => d.name)).toContain("qa-set");
    // Search ignores case, on SQLite and PostgreSQL alike.
    expect((await caller.datasets.list({ search: "QA-S" })).map((d) => d.name)).toEqual(["qa-set"]);

    const renamed = await caller.datasets.update({ id: created.id, name: "qa-set-2" });
    expect(renamed.name).toBe("qa-set-2");

    await caller.datasets.delete({ id: created.id });
    await expectTrpcError(caller.datasets.get({ id: created.id }), "NOT_FOUND", /Dataset "[^"]+" was not found/);
  });

  it("rejects bad input with specific messages, never a 500", async () => {
    const caller = api();
    await expectTrpcError(caller.datasets.create({ name: "   " }), "BAD_REQUEST", /name: Name is required/);
    await caller.datasets.create({ name: "dup" });
    await expectTrpcError(caller.datasets.create({ name: "dup" }), "CONFLICT", /already exists/);
    await expectTrpcError(caller.datasets.get({ id: "nope" }), "NOT_FOUND");
    await expectTrpcError(caller.datasets.delete({ id: "nope" }), "NOT_FOUND");
    // @ts-expect-error wrong type on purpose
    await expectTrpcError(caller.datasets.create({ name: 42 }), "BAD_REQUEST", /name/);
  });
});

describe("items and versions", () => {
  it("adds, edits, deletes and searches items; each change is one version", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "versions" });
    const bulk = await caller.items.bulkAdd({
      datasetId: ds.id,
      items: [
        { input: { q: "Capital of France?" }, expectedOutput: "Paris" },
        { input: { q: "Capital of Japan?" }, expectedOutput: "Tokyo", metadata: { level: "easy" } },
        { input: "plain string input" },
      ],
    });
    expect(bulk.version).toBe(1);
    expect(bulk.itemIds).toHaveLength(3);

    const single = await caller.items.add({ datasetId: ds.id, item: { input: { q: "Capital of Peru?" }, expectedOutput: "Lima" } });
    expect(single.version).toBe(2);

    const edited = await caller.items.update({ itemId: bulk.itemIds[0]!, expectedOutput: "Paris, France" });
    expect(edited).toMatchObject({ itemId: bulk.itemIds[0], expectedOutput: "Paris, France", input: { q: "Capital of France?" }, version: 3 });

    const deleted = await caller.items.delete({ itemIds: [bulk.itemIds[2]!] });
    expect(deleted).toEqual({ deleted: 1, version: 4 });

    const now = await caller.items.list({ datasetId: ds.id });
    expect(now.total).toBe(3);
    expect(now.version).toBe(4);
    expect((await caller.datasets.get({ id: ds.id })).itemCount).toBe(3);

    // Past versions stay exactly as they were.
    const v1 = await caller.items.list({ datasetId: ds.id, version: 1 });
    expect(v1.total).toBe(3);
    expect(v1.items.find((i) => i.itemId === bulk.itemIds[0])?.expectedOutput).toBe("Paris");
    expect(v1.items.some((i) => i.input === "plain string input")).toBe(true);

    const search = await caller.items.list({ datasetId: ds.id, search: "JAPAN" });
    expect(search.items.map((i) => i.itemId)).toEqual([bulk.itemIds[1]]);
    const byMetadata = await caller.items.list({ datasetId: ds.id, search: "easy" });
    expect(byMetadata.total).toBe(1);
  });

  it("pages items in a stable order", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "paging" });
    await caller.items.bulkAdd({ datasetId: ds.id, items: Array.from({ length: 25 }, (_, i) => ({ input: { n: i } })) });
    const pages = await Promise.all([1, 2, 3].map((page) => caller.items.list({ datasetId: ds.id, page, pageSize: 10 })));
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
    const ns = pages.flatMap((p) => p.items.map((i) => (i.input as { n: number }).n));
    expect(ns).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it("rejects bad item input without a partial write", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "bad-items" });
    await expectTrpcError(caller.items.bulkAdd({ datasetId: ds.id, items: [] }), "BAD_REQUEST", /At least one item/);
    await expectTrpcError(
      // @ts-expect-error missing input on purpose
      caller.items.bulkAdd({ datasetId: ds.id, items: [{ input: "ok" }, { expectedOutput: "x" }] }),
      "BAD_REQUEST",
      /items\.1\.input/,
    );
    await expectTrpcError(caller.items.bulkAdd({ datasetId: ds.id, items: [{ input: "x".repeat(300 * 1024) }] }), "BAD_REQUEST", /at most 256 KiB/);
    await expectTrpcError(caller.items.add({ datasetId: "missing", item: { input: 1 } }), "NOT_FOUND");
    await expectTrpcError(caller.items.update({ itemId: "missing", input: 1 }), "NOT_FOUND");
    await expectTrpcError(caller.items.list({ datasetId: ds.id, version: 99 }), "BAD_REQUEST", /Version 99 does not exist/);
    const after = await caller.datasets.get({ id: ds.id });
    expect(after).toMatchObject({ version: 0, itemCount: 0 });
  });
});

describe("versions and history", () => {
  it("lists each change as a version with its counts, and an item's history across versions", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "history" });
    const { itemIds } = await caller.items.bulkAdd({ datasetId: ds.id, items: [{ input: "a" }, { input: "b" }, { input: "c" }] });
    await caller.items.update({ itemId: itemIds[0]!, input: "a2" });
    await caller.items.delete({ itemIds: [itemIds[1]!, itemIds[2]!] });
    const versions = await caller.datasets.versions({ id: ds.id });
    expect(versions.map(({ version, added, edited, deleted, note }) => ({ version, added, edited, deleted, note }))).toEqual([
      { version: 3, added: 0, edited: 0, deleted: 2, note: "deleted 2 items" },
      { version: 2, added: 0, edited: 1, deleted: 0, note: "edited an item" },
      { version: 1, added: 3, edited: 0, deleted: 0, note: "added 3 items" },
    ]);
    const history = await caller.items.history({ itemId: itemIds[0]! });
    expect(history.map((h) => [h.input, h.version, h.validTo])).toEqual([
      ["a", 1, 2],
      ["a2", 2, null],
    ]);
    const deleted = await caller.items.history({ itemId: itemIds[1]! });
    expect(deleted.map((h) => [h.input, h.version, h.validTo])).toEqual([["b", 1, 3]]);
  });
});

describe("dataset JSON schemas", () => {
  const inputSchema = { type: "object", required: ["question"], properties: { question: { type: "string", minLength: 1 } } };

  it("enforces the schemas on add, edit and import, and refuses a schema the current items break", async () => {
    const caller = api();
    const ds = await caller.datasets.create({ name: "with-schema" });
    const { itemIds } = await caller.items.bulkAdd({ datasetId: ds.id, items: [{ input: { question: "ok?" } }, { input: "just text" }] });

    await expectTrpcError(
      caller.datasets.update({ id: ds.id, inputSchema }),
      "CONFLICT",
      /1 current item does not match the new schema.*item #2: input: \$ must be object/,
    );
    await caller.items.delete({ itemIds: [itemIds[1]!] });
    const saved = await caller.datasets.update({ id: ds.id, inputSchema, expectedSchema: { type: "string" } });
    expect(saved.inputSchema).toEqual(inputSchema);

    await expectTrpcError(
      caller.items.add({ datasetId: ds.id, item: { input: { question: 3 } } }),
      "BAD_REQUEST",
      /^item: does not match the dataset's schema: input: \$\.question must be string/,
    );
    await expectTrpcError(
      caller.items.bulkAdd({ datasetId: ds.id, items: [{ input: { question: "fine" } }, { input: { question: "x" }, expectedOutput: 7 }] }),
      "BAD_REQUEST",
      /^items\.1: .*expectedOutput: \$ must be string/,
    );
    await expectTrpcError(caller.items.update({ itemId: itemIds[0]!, input: { q: "renamed field" } }), "BAD_REQUEST", /must have required property 'question'/);
    await expectTrpcError(caller.datasets.update({ id: ds.id, inputSchema: { type: "nonsense" } }), "BAD_REQUEST", /inputSchema: is not a valid JSON Schema/);

    const { POST } = await import("@/app/api/datasets/[id]/import/route");
    const res = await POST(
      new Request(`http://t/api/datasets/${ds.id}/import?format=jsonl`, { method: "POST", body: '{"input":{"question":"good"}}\n{"input":{"question":""}}' }),
      { params: Promise.resolve({ id: ds.id }) },
    );
    expect(await res.json()).toMatchObject({ ok: false, errors: [{ row: 2, message: "input: $.question must NOT have fewer than 1 characters" }] });

    const removed = await caller.datasets.update({ id: ds.id, inputSchema: null });
    expect(removed.inputSchema).toBeNull();
    await caller.items.add({ datasetId: ds.id, item: { input: "free again", expectedOutput: "still a string" } });
  });
});
