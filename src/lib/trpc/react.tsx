"use client";

import { MutationCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import { toast } from "@/components/ui/toast";
import type { AppRouter } from "@/server/root";
import { hasFieldErrors, isClientError } from "./errors";

/** The typed React client: `api.runs.get.useQuery(...)`. */
export const api = createTRPCReact<AppRouter>();

function makeQueryClient(): QueryClient {
  return new QueryClient({
    // The one place mutation errors surface. Errors about a field are shown by
    // the form next to that field, so they are not repeated in a toast.
    mutationCache: new MutationCache({
      onError(error) {
        if (hasFieldErrors(error)) return;
        toast.error(error.message || "Something went wrong.");
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
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
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })],
    }),
  );
  return (
    <api.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </api.Provider>
  );
}
