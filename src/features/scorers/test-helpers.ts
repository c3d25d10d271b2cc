import type { JsonValue } from "@/lib/json";
import { createScorer } from "./registry";
import { scorerConfigSchema, type ScorerConfigInput } from "./schemas";
import type { ScoreContext, ScoreValue } from "./types";

/** A score context with harmless defaults; tests override what they exercise. */
export function context(overrides: Partial<ScoreContext> = {}): ScoreContext {
  return { input: "question", output: "", expectedOutput: null, metadata: null, latencyMs: 10, signal: new AbortController().signal, ...overrides };
}

/** Parses the config as the run's trigger would, builds the scorer and scores one output. */
export async function scoreWith(
  config: ScorerConfigInput,
  output: JsonValue,
  expectedOutput: JsonValue | null = null,
  extra: Partial<ScoreContext> = {},
): Promise<ScoreValue> {
  const scorer = createScorer(scorerConfigSchema.parse(config));
  return scorer(context({ output, expectedOutput, ...extra }));
}

/** The first zod issue for a config, as `path: message`. */
export function configError(config: unknown): string | null {
  const result = scorerConfigSchema.safeParse(config);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  return `${issue.path.join(".")}: ${issue.message}`;
}
