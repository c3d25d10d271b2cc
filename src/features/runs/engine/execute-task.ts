import { newId } from "@/lib/id";
import { jsonValueProblem } from "@/lib/json";
import { runScorers, type PreparedScorer } from "@/features/scorers/server";
import { TargetError, type Target } from "@/features/targets";
import { callWithRetries } from "@/features/targets/server";
import type { RunSettings } from "../schemas";
import type { RunTask } from "./item-feed";
import type { ResultRecord } from "./result-writer";

/** Executes one (item, repetition): the target call with retries, then every scorer. */
export async function executeTask(
  runId: string,
  task: RunTask,
  target: Target,
  scorers: PreparedScorer[],
  settings: RunSettings,
  round: number,
  signal: AbortSignal,
): Promise<{ record: ResultRecord; targetError: TargetError | null } | null> {
  const outcome = await callWithRetries(
    (attemptSignal) =>
      target.call(
        { input: task.input, expectedOutput: task.expectedOutput, metadata: task.metadata, runId, itemId: task.itemId, repetition: task.repetition },
        attemptSignal,
      ),
    { retries: settings.retries, timeoutMs: target.timeoutMs ?? settings.timeoutMs },
    signal,
  );
  if ("aborted" in outcome) return null;
  const base = {
    id: newId(),
    datasetItemId: task.datasetItemId,
    itemId: task.itemId,
    ordinal: task.ordinal,
    repetition: task.repetition,
    attempts: outcome.attempts,
    round,
  };
  const noUsage = { promptTokens: null, completionTokens: null, costUsd: null };
  if (!outcome.ok) {
    return {
      record: { ...base, ...noUsage, output: null, error: outcome.error.message, latencyMs: outcome.latencyMs, scores: [] },
      targetError: outcome.error,
    };
  }
  const output = outcome.value.output;
  // An output we cannot store or show (nested deeper than the limit, NaN from
  // a custom target) fails this item with the reason; the rest of the run and
  // its batch are unaffected. Any JSON value within the limit is stored as is.
  const problem = jsonValueProblem(output);
  if (problem) {
    const error = new TargetError("bad-response", `The target's output cannot be stored: it ${problem}.`);
    return { record: { ...base, ...noUsage, output: null, error: error.message, latencyMs: outcome.latencyMs, scores: [] }, targetError: error };
  }
  const outcomes = await runScorers(scorers, {
    input: task.input,
    output,
    expectedOutput: task.expectedOutput,
    metadata: task.metadata,
    latencyMs: outcome.latencyMs,
    signal,
  });
  const scores = outcomes.map((o) => ({ id: newId(), ...o }));
  const usage = outcome.value.usage;
  return {
    record: {
      ...base,
      output,
      error: null,
      latencyMs: outcome.latencyMs,
      promptTokens: usage?.promptTokens ?? null,
      completionTokens: usage?.completionTokens ?? null,
      costUsd: outcome.value.costUsd ?? null,
      scores,
    },
    targetError: null,
  };
}
