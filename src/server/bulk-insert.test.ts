import { describe, expect, it } from "vitest";
import { newId } from "@/lib/id";
import { insertRows, insertRowsSkippingConflicts, type Columns } from "./bulk-insert";
import { db, sqliteDriver } from "./db";
import { dialect } from "./dialect";

/*
 * Bulk writes run on the driver under the Prisma client. They must be part of
 * the caller's Prisma transaction: seen by its queries, undone by its rollback.
 */
async function newDataset() {
  return db.dataset.create({ data: { name: `bulk-${newId()}` } });
}

function versionRow(datasetId: string, version: number) {
  const now = new Date();
  return [newId(), datasetId, version, 1, 0, 0, "bulk insert test", now, now];
}
const VERSION_COLUMNS: Columns = {
  id: "text",
  datasetId: "text",
  version: "int",
  added: "int",
  edited: "int",
  deleted: "int",
  note: "text",
  createdAt: "timestamp",
  updatedAt: "timestamp",
};

describe("bulk inserts on the driver", () => {
  it.runIf(dialect === "sqlite")("run on the connection under the Prisma client (SQLite)", async () => {
    await db.dataset.count();
    expect(sqliteDriver()).not.toBeNull();
  });

  it("are seen inside their transaction and kept by its commit", async () => {
    const dataset = await newDataset();
    const seen = await db.$transaction(async (tx) => {
      await insertRows(tx, "DatasetVersion", VERSION_COLUMNS, [versionRow(dataset.id, 1), versionRow(dataset.id, 2)]);
      return tx.datasetVersion.count({ where: { datasetId: dataset.id } });
    });
    expect(seen).toBe(2);
    expect(await db.datasetVersion.findMany({ where: { datasetId: dataset.id }, select: { version: true, note: true }, orderBy: { version: "asc" } })).toEqual([
      { version: 1, note: "bulk insert test" },
      { version: 2, note: "bulk insert test" },
    ]);
  });

  it("are undone when their transaction fails after them", async () => {
    const dataset = await newDataset();
    await expect(
      db.$transaction(async (tx) => {
        await insertRows(tx, "DatasetVersion", VERSION_COLUMNS, [versionRow(dataset.id, 1)]);
        await tx.dataset.update({ where: { id: dataset.id }, data: { description: "changed" } });
        throw new Error("the transaction fails");
      }),
    ).rejects.toThrow("the transaction fails");
    expect(await db.datasetVersion.count({ where: { datasetId: dataset.id } })).toBe(0);
    expect((await db.dataset.findUniqueOrThrow({ where: { id: dataset.id } })).description).toBe("");
  });

  it("skip conflicting rows and return the ids of those inserted, across statements", async () => {
    const dataset = await newDataset();
    const first = versionRow(dataset.id, 1);
    await insertRows(db, "DatasetVersion", VERSION_COLUMNS, [first]);
    // The same primary key again, plus 5,000 new rows (more than one statement of parameters).
    const fresh = Array.from({ length: 5000 }, (_, i) => versionRow(dataset.id, i + 2));
    const inserted = await db.$transaction((tx) => insertRowsSkippingConflicts(tx, "DatasetVersion", VERSION_COLUMNS, [first, ...fresh]));
    expect(inserted).toEqual(fresh.map((row) => row[0]));
    expect(await db.datasetVersion.count({ where: { datasetId: dataset.id } })).toBe(5001);
  });
});
