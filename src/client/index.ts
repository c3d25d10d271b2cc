import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/root";

export type { AppRouter };

export interface TrialrunClientOptions {
  /** Base URL of the Trialrun server, e.g. http://localhost:3000 */
  url: string;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** A fully typed client of the Trialrun API for other TypeScript apps, scripts and CI jobs. */
export function createTrialrunClient(options: TrialrunClientOptions) {
  const base = options.url.replace(/\/+$/, "");
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/api/trpc`,
        transformer: superjson,
        headers: () => options.headers ?? {},
        fetch: options.fetch,
      }),
    ],
  });
}

export type TrialrunClient = ReturnType<typeof createTrialrunClient>;
