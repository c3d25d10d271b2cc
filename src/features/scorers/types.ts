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
  /** What computing the score spent, for scorers that call a model. */
  usage?: ScoringUsage;
}

export interface ScoringUsage {
  promptTokens: number | null;
  completionTokens: number | null;
  costUsd: number | null;
}

export type Scorer = (context: ScoreContext) => ScoreValue | Promise<ScoreValue>;

/** A scorer that cannot score this item (e.g. no expected output). Recorded on that score only. */
export class ScorerError extends Error {
  constructor(
    message: string,
    /** What the attempt spent before it failed (a judge reply that could not be read). */
    readonly usage?: ScoringUsage,
  ) {
    super(message);
    this.name = "ScorerError";
  }
}
