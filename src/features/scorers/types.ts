import type { JsonValue } from "@/lib/json";

export interface ScoreContext {
  input: JsonValue;
  output: JsonValue;
  expectedOutput: JsonValue | null;
  metadata: JsonValue | null;
  /** The target call's latency (of its successful attempt). */
  latencyMs: number;
  /** Aborts when the run is cancelled; scorers that call out must honour it. */
  signal: AbortSignal;
}

export interface ScoreValue {
  /** In [0, 1]. */
  score: number;
  reason?: string;
}

export type Scorer = (context: ScoreContext) => ScoreValue | Promise<ScoreValue>;

/** A scorer that cannot score this item (e.g. no expected output). Recorded on that score only. */
export class ScorerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScorerError";
  }
}
