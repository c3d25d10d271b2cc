import { refuseUnauthenticated } from "@/features/auth/server";
import { compareItemFilterSchema } from "@/features/compare";
import { compareItems } from "@/features/compare/server";
import { exportResponse } from "@/lib/export-stream";
import { badFormat, errorResponse, exportFormat } from "../../_shared";

export const dynamic = "force-dynamic";

type Row = Awaited<ReturnType<typeof compareItems>>["rows"][number];

/**
 * GET `?baselineRunId=&candidateRunId=&format=csv|jsonl|json[&filter=regressed][&scorer=name]`:
 * the per-item comparison, with each run's output and every shared scorer's
 * scores and delta.
 */
export async function GET(req: Request) {
  const refused = await refuseUnauthenticated(req);
  if (refused) return refused;
  const url = new URL(req.url);
  const format = exportFormat(url);
  if (!format) return badFormat();
  const baselineRunId = url.searchParams.get("baselineRunId") ?? "";
  const candidateRunId = url.searchParams.get("candidateRunId") ?? "";
  const filter = compareItemFilterSchema.safeParse(url.searchParams.get("filter") ?? "all");
  if (!baselineRunId || !candidateRunId) return Response.json({ error: "baselineRunId and candidateRunId are required" }, { status: 400 });
  if (!filter.success)
    return Response.json({ error: "filter: expected all, regressed, improved, unchanged, only-baseline or only-candidate", field: "filter" }, { status: 400 });
  try {
    const scorer = url.searchParams.get("scorer") || undefined;
    const base = { baselineRunId, candidateRunId, scorer, filter: filter.data, sort: "ordinal" as const, pageSize: 200, epsilon: 1e-9 };
    const first = await compareItems({ ...base, page: 1 });
    const scorers = first.scorers;
    async function* pages(): AsyncGenerator<Row[]> {
      yield first.rows;
      for (let page = 2; (page - 1) * base.pageSize < first.total; page++) yield (await compareItems({ ...base, page })).rows;
    }
    const values = (r: Row, name: string) => r.byScorer.find((v) => v.name === name);
    return exportResponse({
      format,
      fileName: `compare-${baselineRunId}-${candidateRunId}`,
      pages: pages(),
      // Per item: outputs of its first repetition; scores are the item's values over all its repetitions (target errors as 0).
      header: [
        "ordinal",
        "itemId",
        "input",
        "expectedOutput",
        "baselineOutput",
        "candidateOutput",
        ...scorers.flatMap((n) => [`${n}.baseline`, `${n}.candidate`, `${n}.delta`, `${n}.move`]),
      ],
      csvRow: (r) => [
        r.ordinal,
        r.itemId,
        r.input,
        r.expectedOutput,
        r.baseline?.output ?? r.baseline?.error ?? null,
        r.candidate?.output ?? r.candidate?.error ?? null,
        ...scorers.flatMap((n) => {
          const v = values(r, n);
          return [v?.baseline ?? null, v?.candidate ?? null, v?.delta ?? null, v?.move ?? null];
        }),
      ],
      jsonRecord: (r) => ({ ...r, deltas: Object.fromEntries(r.byScorer.map((v) => [v.name, v.delta])) }),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
