import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { ensureDbReady } from "@/server/db";
import { appRouter } from "@/server/root";
import { createContext } from "@/server/trpc";

export const dynamic = "force-dynamic";

async function handler(req: Request) {
  await ensureDbReady();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
  });
}

export { handler as GET, handler as POST };
