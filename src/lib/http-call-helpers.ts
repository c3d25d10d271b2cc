/** Pure helpers for outbound HTTP, apart from http-call.ts so that browser-safe modules (the kinds) can use them without undici. */

/** The system error code and the most specific message of a failed call (errors may wrap a cause). */
export function describeHttpFailure(error: unknown): { code: string | undefined; detail: string } {
  const outer = error as { code?: string; message?: string; cause?: { code?: string; message?: string } } | null;
  const code = outer?.cause?.code ?? outer?.code;
  const detail = outer?.cause?.message ?? (error instanceof Error ? error.message : String(error));
  return { code, detail };
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  if (!Number.isNaN(date)) return Math.max(0, date - now);
  return undefined;
}
