import { runResultPages } from "@/features/runs/server";
import { exportResponse } from "@/lib/export-stream";
import { errorResponse, exportRequest, safeFileName } from "../../../_shared";

export const dynamic = "force-dynamic";

/** GET `?format=csv|json|jsonl`: every result of the run with its scores. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const request = await exportRequest(req, params);
  if (request instanceof Response) return request;
  const { id, format } = request;
  try {
    const { name, scorerNames, pages } = await runResultPages(id);
    return exportResponse({
      format,
      fileName: `run-${safeFileName(name)}`,
      pages,
      header: [
        "ordinal",
        "itemId",
        "repetition",
        "input",
        "expectedOutput",
        "output",
        "error",
        "latencyMs",
        "attempts",
        ...scorerNames.flatMap((n) => [`${n}.score`, `${n}.passed`]),
      ],
      csvRow: (r) => [
        r.ordinal,
        r.itemId,
        r.repetition,
        r.input,
        r.expectedOutput,
        r.output,
        r.error,
        r.latencyMs,
        r.attempts,
        ...scorerNames.flatMap((n) => {
          const score = r.scores.find((s) => s.name === n);
          return [score?.value ?? null, score?.passed ?? null];
        }),
      ],
      jsonRecord: (r) => r,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
