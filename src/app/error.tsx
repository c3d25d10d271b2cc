"use client";

import { ErrorState } from "@/components/ui/states";

// The last line of defence for a render error: a readable message, never a stack.
export default function RouteError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorState
      title="This page hit an error"
      message="Something went wrong while showing this page. Try again; if it persists, the server log has the details."
      onRetry={reset}
    />
  );
}
