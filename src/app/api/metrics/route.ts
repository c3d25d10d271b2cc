import { refuseUnauthenticated } from "@/features/auth/server";
import { processMetrics } from "@/server/metrics";

export const dynamic = "force-dynamic";

/** GET: memory and event-loop delay of this server process; `?reset=1` restarts the delay histogram. */
export async function GET(req: Request) {
  const refused = await refuseUnauthenticated(req);
  if (refused) return refused;
  return Response.json(processMetrics({ reset: new URL(req.url).searchParams.get("reset") === "1" }));
}
