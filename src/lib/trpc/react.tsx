"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import "@/lib/zod-messages";
import { useState, type ReactNode } from "react";
import { CLIENT_BATCH_MAX_ITEMS } from "./batch";
import { shareUnchanged, wireTransformer } from "./transformer";
import { toast } from "@/components/ui/toast";
import type { AppRouter } from "@/server/root";
import { hasFieldErrors, isClientError } from "./errors";

/** The typed React client: `api.runs.get.useQuery(...)`. */
export const api = createTRPCReact<AppRouter>();

/**
 * A session that expired while the page was open: every call now answers
 * UNAUTHORIZED. Send the user to sign in (once), then back here.
 */
function signInAgainIfUnauthorized(error: unknown): boolean {
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  if (code !== "UNAUTHORIZED" || typeof window === "undefined" || window.location.pathname === "/login") return false;
  const next = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
  return true;
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError(error) {
        signInAgainIfUnauthorized(error);
      },
    }),
    // The one place mutation errors surface. Errors about a field are shown by
    // the form next to that field, so they are not repeated in a toast.
    mutationCache: new MutationCache({
      onError(error) {
        if (signInAgainIfUnauthorized(error) || hasFieldErrors(error)) return;
        toast.error(error.message || "Something went wrong.");
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // Keeps keys such as `__proto__` that React Query's own sharing drops.
        structuralSharing: (previous: unknown, next: unknown) => shareUnchanged(previous, next),
        refetchOnWindowFocus: false,
        // A 4xx (not found, bad input) will not fix itself by asking again.
        retry: (failureCount, error) => !isClientError(error) && failureCount < 2,
      },
    },
  });
}

export function TRPCProvider({ children }: { children: ReactNode }) {
  // Created once per browser tab, not per render.
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    api.createClient({
      // The server refuses larger batches (TRIALRUN_MAX_BATCH_SIZE, never below this); more calls at once go out as several requests.
      links: [httpBatchLink({ url: "/api/trpc", transformer: wireTransformer, maxItems: CLIENT_BATCH_MAX_ITEMS })],
    }),
  );
  return (
    <api.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </api.Provider>
  );
}
