import type { JsonValue } from "@/lib/json";

export interface TargetRequest {
  input: JsonValue;
  expectedOutput: JsonValue | null;
  metadata: JsonValue | null;
  /** Identity of the call, stable across retries. */
  runId: string;
  itemId: string;
  repetition: number;
}

export interface TargetUsage {
  promptTokens: number | null;
  completionTokens: number | null;
}

export interface TargetResponse {
  output: JsonValue;
  usage?: TargetUsage;
  /** Estimated cost of the call in USD, when the target knows its pricing. */
  costUsd?: number | null;
}

/** What each item is sent to. `call` must honour `signal` (cancel and timeout). */
export interface Target {
  call(request: TargetRequest, signal: AbortSignal): Promise<TargetResponse>;
  /** A per-attempt timeout the target asks for, overriding the run's. */
  timeoutMs?: number;
}

export type TargetErrorKind = "connection" | "timeout" | "http-status" | "bad-response" | "aborted" | "config" | "other";

/**
 * A failed target call. `transient` errors (timeouts, 429, 5xx, dropped
 * connections) are retried with backoff; the rest fail the item at once.
 */
export class TargetError extends Error {
  readonly kind: TargetErrorKind;
  readonly transient: boolean;
  /** Milliseconds the target asked us to wait (Retry-After). */
  readonly retryAfterMs?: number;

  constructor(kind: TargetErrorKind, message: string, options?: { transient?: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "TargetError";
    this.kind = kind;
    this.transient = options?.transient ?? false;
    this.retryAfterMs = options?.retryAfterMs;
  }
}
