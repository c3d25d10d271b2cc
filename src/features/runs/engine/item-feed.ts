import type { StoredItemRow } from "@/features/datasets/server";
import type { JsonValue } from "@/lib/json";
import { jsonFromColumn } from "@/server/bulk-insert";
import { driverSql, sqlIn, sqlList, sqlText } from "@/server/driver-sql";

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

interface Page {
  tasks: RunTask[];
  /** Ordinal of the page's last item; the next page starts after it. */
  lastOrdinal: number;
  full: boolean;
}

interface FeedRun {
  id: string;
  datasetId: string;
  datasetVersion: number;
  repetitions: number;
  /** False when none of the feed's items can have a result yet: nothing to skip, no lookup per page. */
  mayHaveResults: boolean;
  /** The shard's ordinal range: afterOrdinal < ordinal <= lastOrdinal. */
  afterOrdinal: number;
  lastOrdinal: number;
}

/**
 * A page of the items at the run's dataset version (item-service.ts
 * itemsAtVersion), in dataset order. Read on the driver (src/server/driver-sql.ts):
 * the feed is the engine's one read per item, and Prisma's decoding of 500
 * rows of JSON was a large part of its CPU time on PostgreSQL.
 */
const ITEM_PAGE = sqlText(
  `SELECT "id", "itemId", "ordinal", "input", "expectedOutput", "metadata" FROM "DatasetItem"
   WHERE "datasetId" = ? AND "validFrom" <= ? AND ("validTo" IS NULL OR "validTo" > ?) AND "ordinal" > ? AND "ordinal" <= ?
   ORDER BY "ordinal" ASC LIMIT ${PAGE_SIZE}`,
);

/** The results a resumed run already has for a page's items (one list parameter, whatever the page's length). */
const DONE_OF_PAGE = sqlText(`SELECT "datasetItemId", "repetition" FROM "Result" WHERE "runId" = ? AND ${sqlIn(`"datasetItemId"`)}`);

async function fetchPage(run: FeedRun, after: number): Promise<Page> {
  // Walk the items in dataset order: the (datasetId, ordinal) index serves the
  // page without sorting the whole dataset, so the first page of a 100k-item
  // run costs the same as of a 10-item one.
  const items = await driverSql().rows<StoredItemRow>(ITEM_PAGE, [run.datasetId, run.datasetVersion, run.datasetVersion, after, run.lastOrdinal]);
  const done =
    items.length === 0 || !run.mayHaveResults
      ? []
      : await driverSql().rows<{ datasetItemId: string; repetition: number }>(DONE_OF_PAGE, [run.id, sqlList(items.map((i) => i.id))]);
  const doneKeys = new Set(done.map((r) => `${r.datasetItemId}:${r.repetition}`));
  const tasks: RunTask[] = [];
  for (const item of items) {
    for (let repetition = 0; repetition < run.repetitions; repetition++) {
      if (doneKeys.has(`${item.id}:${repetition}`)) continue;
      tasks.push({
        datasetItemId: item.id,
        itemId: item.itemId,
        ordinal: item.ordinal,
        repetition,
        input: jsonFromColumn(item.input) as JsonValue,
        expectedOutput: jsonFromColumn(item.expectedOutput),
        metadata: jsonFromColumn(item.metadata),
      });
    }
  }
  return { tasks, lastOrdinal: items.at(-1)?.ordinal ?? after, full: items.length === PAGE_SIZE };
}

/**
 * The (item, repetition) pairs of a run's shard that have no result yet, paged from
 * the database so memory stays flat whatever the dataset size (at most two
 * pages are held). Skipping the ones with a result is what makes a run
 * resumable. The next page is read while the current one is worked through,
 * so workers never all wait on a page read at once.
 */
export async function* pendingTasks(run: FeedRun): AsyncGenerator<RunTask> {
  let next: Promise<Page> | null = fetchPage(run, run.afterOrdinal);
  while (next) {
    const page: Page = await next;
    next = page.full ? fetchPage(run, page.lastOrdinal) : null;
    // A failed read surfaces when that page is awaited; until then it is not an unhandled rejection.
    next?.catch(() => {});
    yield* page.tasks;
  }
}
