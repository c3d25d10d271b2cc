import type { JsonValue } from "@/lib/json";
import { db } from "@/server/db";
import { badRequest, notFound } from "@/server/errors";
import { itemsAtVersion } from "../server/item-service";

export interface ExportedItem {
  itemId: string;
  ordinal: number;
  input: JsonValue;
  expectedOutput: JsonValue | null;
  metadata: JsonValue | null;
}

/** Checks the dataset and version; then the items at that version, 500 at a time in dataset order. */
export async function datasetItemPages(datasetId: string, version?: number): Promise<{ name: string; version: number; pages: AsyncGenerator<ExportedItem[]> }> {
  const dataset = await db.dataset.findUnique({ where: { id: datasetId }, select: { name: true, version: true } });
  if (!dataset) throw notFound("Dataset", datasetId);
  const at = version ?? dataset.version;
  if (!Number.isInteger(at) || at < 0 || at > dataset.version) throw badRequest(`version: expected a version from 0 to ${dataset.version}`, "version");
  async function* pages(): AsyncGenerator<ExportedItem[]> {
    let after = 0;
    for (;;) {
      const rows = await db.datasetItem.findMany({
        where: { ...itemsAtVersion(datasetId, at), ordinal: { gt: after } },
        orderBy: { ordinal: "asc" },
        take: 500,
        select: { itemId: true, ordinal: true, input: true, expectedOutput: true, metadata: true },
      });
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.ordinal;
      yield rows.map((r) => ({
        ...r,
        input: r.input as JsonValue,
        expectedOutput: (r.expectedOutput ?? null) as JsonValue | null,
        metadata: (r.metadata ?? null) as JsonValue | null,
      }));
    }
  }
  return { name: dataset.name, version: at, pages: pages() };
}
