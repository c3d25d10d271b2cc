import { refuseUnauthenticated } from "@/features/auth/server";
import { runResultPages } from "@/features/runs/server";
import { exportResponse } from "@/lib/export-stream";
import { badFormat, errorResponse, exportFormat, routeId, safeFileName } from "../../../_shared";

export const dynamic = "force-dynamic";

/** GET `?format=csv|json|jsonl`: every result of the run with its scores. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = await refuseUnauthenticated(req);
  if (refused) return refused;
  const route = await routeId(req, params);
  if (route instanceof Response) return route;
  const format = exportFormat(new URL(req.url));
  if (!format) return badFormat();
  try {
    const { name, scorerNames, pages } = await runResultPages(route.id);
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
