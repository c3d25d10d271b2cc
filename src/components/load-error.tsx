"use client";

import Link from "next/link";
import { ErrorState } from "@/components/ui/states";
import { isNotFound } from "@/lib/trpc/errors";

/**
 * The error state of a detail page whose record failed to load: "not found"
 * with a way back, or the error with a retry.
 */
export function LoadError({
  thing,
  error,
  onRetry,
  back,
  notFoundMessage = "It may have been deleted, or the link is wrong.",
}: {
  /** What failed to load, e.g. "dataset". */
  thing: string;
  error: { message: string };
  onRetry: () => void;
  back: { href: string; label: string };
  notFoundMessage?: string;
}) {
  if (isNotFound(error)) {
    return (
      <ErrorState
        title={`${thing.charAt(0).toUpperCase()}${thing.slice(1)} not found`}
        message={notFoundMessage}
        action={
          <Link href={back.href} className="font-medium text-blue-600 hover:underline">
            {back.label}
          </Link>
        }
      />
    );
  }
  return <ErrorState title={`Could not load the ${thing}`} message={error.message} onRetry={onRetry} />;
}
