import { itemsAtVersion } from "@/features/datasets/server/item-service";
import type { JsonValue } from "@/lib/json";
import { db } from "@/server/db";

export interface RunTask {
  datasetItemId: string;
  itemId: string;
  ordinal: number;
  repetition: number;
  input: JsonValue;
  expectedOutput: JsonValue | null;
  metadata: JsonValue | null;
}

const PAGE_SIZE = 500;

/**
 * The (item, repetition) pairs of a run that have no result yet, paged from
 * the database so memory stays flat whatever the dataset size. Skipping the
 * ones with a result is what makes a run resumable.
 */
export async function* pendingTasks(run: {
  id: string;
  datasetId: string;
  datasetVersion: number;
  repetitions: number;
}): AsyncGenerator<RunTask> {
  // Walk the items in dataset order: the (datasetId, ordinal) index serves the
  // page without sorting the whole dataset, so the first page of a 100k-item
  // run costs the same as of a 10-item one.
  let after = 0;
  for (;;) {
    const items = await db.datasetItem.findMany({
      where: { ...itemsAtVersion(run.datasetId, run.datasetVersion), ordinal: { gt: after } },
      orderBy: { ordinal: "asc" },
      take: PAGE_SIZE,
      select: { id: true, itemId: true, ordinal: true, input: true, expectedOutput: true, metadata: true },
    });
    if (items.length === 0) return;
    after = items[items.length - 1]!.ordinal;

    const done = await db.result.findMany({
      where: { runId: run.id, datasetItemId: { in: items.map((i) => i.id) } },
      select: { datasetItemId: true, repetition: true },
    });
    const doneKeys = new Set(done.map((r) => `${r.datasetItemId}:${r.repetition}`));

    for (const item of items) {
      for (let repetition = 0; repetition < run.repetitions; repetition++) {
        if (doneKeys.has(`${item.id}:${repetition}`)) continue;
        yield {
          datasetItemId: item.id,
          itemId: item.itemId,
          ordinal: item.ordinal,
          repetition,
          input: item.input as JsonValue,
          expectedOutput: (item.expectedOutput ?? null) as JsonValue | null,
          metadata: (item.metadata ?? null) as JsonValue | null,
        };
      }
    }
    if (items.length < PAGE_SIZE) return;
  }
}
