import { processSingleton } from "@/lib/process-singleton";

/**
 * Counts failures per key (a client address) in a sliding window; past the
 * limit, further attempts are refused until old failures age out. In memory:
 * one process, which is what the embedded deployment is.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return 0;
    return recent[0]! + this.windowMs - now;
  }

  recordFailure(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }
}

/** Wrong passwords and wrong API keys: 10 per 5 minutes per client. */
export const authFailures = processSingleton("authFailures", () => new FailureLimiter(10, 5 * 60_000));

export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "local";
}
