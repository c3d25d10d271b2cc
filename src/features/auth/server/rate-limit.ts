import { processSingleton } from "@/lib/process-singleton";
import { env } from "@/server/env";

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

  /** Forgets `key`'s failures (after it signed in with the right password). */
  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }
}

/** Wrong passwords and wrong API keys: 10 per 5 minutes per client. */
export const authFailures = processSingleton("authFailures", () => new FailureLimiter(10, 5 * 60_000));

/**
 * The production server (src/bin/start.mjs) passes each connection's address
 * in this header, overwriting any copy a client sent; the value starts with a
 * token of that process, so where no such server sets it (`next dev`) a
 * client's header is not believed.
 */
export const PEER_HEADER = "x-trialrun-peer";
const PEER_TOKEN = Symbol.for("trialrun.peerToken");

function peerAddress(headers: Headers): string | null {
  const token = (globalThis as Record<symbol, unknown>)[PEER_TOKEN];
  const value = headers.get(PEER_HEADER);
  if (typeof token !== "string" || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== token) return null;
  return value.slice(space + 1).trim() || null;
}

/**
 * Who is asking, for the failure limit. By default the connection's address:
 * X-Forwarded-For and X-Real-IP are set by whoever sends the request, so
 * believing them would give each forged value a fresh allowance. Behind
 * TRIALRUN_TRUST_PROXY=N proxies, each appends the address it saw to
 * X-Forwarded-For: the client is the one the outermost trusted proxy saw, the
 * N-th entry from the right (entries further left are the client's own).
 */
export function clientAddress(headers: Headers, trustProxy: number = env.TRIALRUN_TRUST_PROXY): string {
  const peer = peerAddress(headers) ?? "unknown";
  if (trustProxy <= 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (forwarded.length > 0) return forwarded[Math.max(0, forwarded.length - trustProxy)]!;
  return headers.get("x-real-ip")?.trim() || peer;
}
