import type { Prisma } from "@/generated/prisma/client";
import type { JsonValue } from "@/lib/json";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { runScorerNames } from "../run-config";

/** A result row as read with its dataset item. */
interface StoredResult {
  ordinal: number;
  itemId: string;
  repetition: number;
  output: unknown;
  error: string | null;
  latencyMs: number | null;
  attempts: number;
  datasetItem: { input: unknown; expectedOutput: unknown };
}

/** The fields of a result that every reader of results shows (the API, the exports): the item's input and expected output beside the call's outcome. */
export function resultFields(row: StoredResult) {
  return {
    ordinal: row.ordinal,
    itemId: row.itemId,
    repetition: row.repetition,
    input: row.datasetItem.input as JsonValue,
    expectedOutput: (row.datasetItem.expectedOutput ?? null) as JsonValue | null,
    output: (row.output ?? null) as JsonValue | null,
    error: row.error,
    latencyMs: row.latencyMs,
    attempts: row.attempts,
  };
}

export type ExportedResult = ReturnType<typeof resultFields> & {
  scores: { name: string; value: number | null; passed: boolean | null; reason: string | null; error: string | null; skipped: boolean }[];
};

/** A run's results, 500 at a time in dataset order, with the run's scorer names for CSV columns. */
export async function runResultPages(runId: string): Promise<{ name: string; scorerNames: string[]; pages: AsyncGenerator<ExportedResult[]> }> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { id: true, name: true, scorers: true } });
  if (!run) throw notFound("Run", runId);
  const scorerNames = runScorerNames(run.scorers);
  async function* pages(): AsyncGenerator<ExportedResult[]> {
    let cursor: { ordinal: number; repetition: number } | null = null;
    for (;;) {
      const after: Prisma.ResultWhereInput = cursor
        ? { OR: [{ ordinal: { gt: cursor.ordinal } }, { ordinal: cursor.ordinal, repetition: { gt: cursor.repetition } }] }
        : {};
      const rows = await db.result.findMany({
        where: { runId, ...after },
        orderBy: [{ ordinal: "asc" }, { repetition: "asc" }],
        take: 500,
        include: {
          datasetItem: { select: { input: true, expectedOutput: true } },
          scores: { select: { name: true, value: true, passed: true, reason: true, error: true, skipped: true } },
        },
      });
      if (rows.length === 0) return;
      const last: { ordinal: number; repetition: number } = rows[rows.length - 1]!;
      cursor = { ordinal: last.ordinal, repetition: last.repetition };
      yield rows.map((r) => ({ ...resultFields(r), scores: r.scores }));
    }
  }
  return { name: run.name || run.id, scorerNames, pages: pages() };
}
