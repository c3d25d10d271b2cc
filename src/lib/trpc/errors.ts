import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/root";

/** Field path (dot separated, e.g. `settings.concurrency`) to its first message. */
export type FieldErrors = Record<string, string>;

type AppClientError = TRPCClientError<AppRouter>;

function asAppError(error: unknown): AppClientError | null {
  return error instanceof TRPCClientError ? (error as AppClientError) : null;
}

/**
 * The field errors the server's error formatter puts on `error.data`: every
 * zod issue under its full dotted path (`issues`: `target.url`,
 * `scorers.1.params.pattern`), the same flattened by top-level key
 * (`fieldErrors`), and the one field a domain error is about (`field`).
 * The most specific path wins; the top-level keys stay for forms that only
 * know those.
 */
export function fieldErrorsOf(error: unknown): FieldErrors {
  const data = asAppError(error)?.data;
  if (!data) return {};
  const result: FieldErrors = {};
  for (const issue of data.issues ?? []) {
    if (issue.path && issue.message) result[issue.path] ??= issue.message;
  }
  for (const [key, messages] of Object.entries(data.fieldErrors ?? {})) {
    const first = (messages as string[] | undefined)?.[0];
    if (first) result[key] ??= first;
  }
  if (data.field) result[data.field] ??= (error as Error).message;
  return result;
}

/** The errors under `prefix` (e.g. `target.`), keyed by the rest of their path. */
export function scopeErrors(errors: FieldErrors, prefix: string): FieldErrors {
  const scoped: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path.startsWith(prefix)) scoped[path.slice(prefix.length)] = message;
  }
  return scoped;
}

export function hasFieldErrors(error: unknown): boolean {
  return Object.keys(fieldErrorsOf(error)).length > 0;
}

/** A 4xx from the API: retrying the same request will not help. */
export function isClientError(error: unknown): boolean {
  const status = asAppError(error)?.data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}

export function isNotFound(error: unknown): boolean {
  return asAppError(error)?.data?.code === "NOT_FOUND";
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}
