/** The system error code and the most specific message of a failed call (errors may wrap a cause). */
export function describeHttpFailure(error: unknown): { code: string | undefined; detail: string } {
  const outer = error as { code?: string; message?: string; cause?: { code?: string; message?: string } } | null;
  const code = outer?.cause?.code ?? outer?.code;
  const detail = outer?.cause?.message ?? (error instanceof Error ? error.message : String(error));
  return { code, detail };
}
