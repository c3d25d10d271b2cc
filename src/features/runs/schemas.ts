import { z } from "zod";
import { idSchema } from "@/features/datasets";
import { scorerConfigSchema, scorerListSchema } from "@/features/scorers";
import { targetConfigSchema } from "@/features/targets";
import { pageInput, pagePosition } from "@/lib/api-schemas";
import { jsonValueSchema } from "@/lib/json";
import { RUN_STATUSES } from "./status";

export const RUN_LIMITS = {
  concurrencyMax: 200,
  timeoutMsMin: 100,
  timeoutMsMax: 10 * 60_000,
  retriesMax: 10,
  repetitionsMax: 20,
  pageSizeMax: 200,
} as const;

export const runStatusSchema = z.enum(RUN_STATUSES);

export const runSettingsSchema = z.object({
  /** Items in flight at once. */
  concurrency: z.number().int().min(1, "must be at least 1").max(RUN_LIMITS.concurrencyMax, `must be at most ${RUN_LIMITS.concurrencyMax}`).default(5),
  /** Per target call, per attempt. */
  timeoutMs: z
    .number()
    .int()
    .min(RUN_LIMITS.timeoutMsMin, `must be at least ${RUN_LIMITS.timeoutMsMin} ms`)
    .max(RUN_LIMITS.timeoutMsMax, "must be at most 10 minutes")
    .default(30_000),
  /** Extra attempts on transient target errors (timeouts, 429, 5xx, dropped connections). */
  retries: z.number().int().min(0, "must be 0 or more").max(RUN_LIMITS.retriesMax, `must be at most ${RUN_LIMITS.retriesMax}`).default(2),
  /** How many times each item is run. */
  repetitions: z.number().int().min(1, "must be at least 1").max(RUN_LIMITS.repetitionsMax, `must be at most ${RUN_LIMITS.repetitionsMax}`).default(1),
});
export type RunSettings = z.infer<typeof runSettingsSchema>;

export const triggerRunInput = z
  .object({
    datasetId: idSchema,
    name: z.string().trim().max(200).default(""),
    /** A saved target… */
    targetId: idSchema.optional(),
    /** …or a target configuration for this run only. */
    target: targetConfigSchema.optional(),
    scorers: scorerListSchema.default([]),
    settings: runSettingsSchema.default({ concurrency: 5, timeoutMs: 30_000, retries: 2, repetitions: 1 }),
    /** Triggering again with the same key returns the same run instead of starting another. */
    idempotencyKey: z.string().trim().min(8, "must be at least 8 characters").max(200).optional(),
  })
  .refine((v) => (v.targetId === undefined) !== (v.target === undefined), {
    message: "Give either targetId (a saved target) or target (a configuration), not both",
    path: ["target"],
  });
export type TriggerRunInput = z.input<typeof triggerRunInput>;

export const runListSortSchema = z.enum(["newest", "oldest"]);
export type RunListSort = z.infer<typeof runListSortSchema>;

export const listRunsInput = z
  .object({
    datasetId: idSchema.optional(),
    status: runStatusSchema.optional(),
    ...pageInput(RUN_LIMITS.pageSizeMax, 25),
    /** By creation time. */
    sort: runListSortSchema.default("newest"),
  })
  .default({ page: 1, pageSize: 25, sort: "newest" });

/**
 * errored: the target call failed; failed: some score is below its threshold;
 * flaky: results of items that passed some scorer in some repetitions and not in others.
 */
export const resultFilterSchema = z.enum(["all", "succeeded", "errored", "failed", "flaky"]);

export const listResultsInput = z.object({
  runId: idSchema,
  ...pageInput(RUN_LIMITS.pageSizeMax, 50),
  filter: resultFilterSchema.default("all"),
  /** Only results whose score for `scorer` is below `value`. */
  scoreBelow: z.object({ scorer: z.string().min(1).max(60), value: z.number().min(0).max(1) }).optional(),
  /** Text in the input, expected output, output or error (case-insensitive). */
  search: z.string().trim().max(200).optional(),
  sort: z.enum(["ordinal", "latency-desc", "latency-asc"]).default("ordinal"),
});
export type ListResultsInput = z.infer<typeof listResultsInput>;

// ---- outputs ----

/** Summaries written before the current rules (errors count as 0) are recomputed when read. */
export const SUMMARY_VERSION = 2;

/** Every figure is defined in ./metrics.ts. */
export const scorerSummarySchema = z.object({
  name: z.string(),
  /** Mean over every counted result, target errors as 0; null when none was counted. */
  mean: z.number().nullable(),
  /** Share of counted results at or above the threshold (target errors did not pass). */
  passRate: z.number().nullable(),
  /** The same over answered results only (target errors left out). */
  answeredMean: z.number().nullable(),
  answeredPassRate: z.number().nullable(),
  threshold: z.number(),
  /** Results the mean and pass rate are over: scored + targetErrors. */
  counted: z.number(),
  /** Results with a computed score. */
  scored: z.number(),
  /** Results whose target call failed: each counts as 0, not passed. */
  targetErrors: z.number(),
  /** Scores the scorer could not compute (it threw): left out of the mean, reported, and fail a gate on this scorer. */
  scorerErrors: z.number(),
  /** Outputs a gated scorer did not score because a cheaper scorer failed: left out of the mean. */
  skipped: z.number(),
  gated: z.boolean(),
  /** With repetitions: items that passed in some repetitions and not in others; null with one repetition. */
  flakyItems: z.number().nullable(),
});
export type ScorerSummary = z.infer<typeof scorerSummarySchema>;

const usageSchema = z.object({
  tokens: z.object({ prompt: z.number(), completion: z.number() }),
  /** Estimated cost in USD; null when nothing reported a priced usage. */
  costUsd: z.number().nullable(),
});

export const runSummarySchema = z.object({
  version: z.literal(SUMMARY_VERSION),
  results: z.object({ total: z.number(), succeeded: z.number(), errored: z.number() }),
  /** Scores of every scorer that could not be computed, summed. */
  scoresNotComputed: z.number(),
  scorers: z.array(scorerSummarySchema),
  /** Nearest-rank percentiles over the results' latencies (./metrics.ts). */
  latencyMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable(), mean: z.number().nullable() }),
  /** The target's tokens and cost. */
  tokens: z.object({ prompt: z.number(), completion: z.number() }),
  costUsd: z.number().nullable(),
  /** What scoring spent (the LLM judge), apart from the target's. */
  scoring: usageSchema,
  /** Target plus scoring; null when neither is priced. */
  totalCostUsd: z.number().nullable(),
  durationMs: z.number().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const triggerRunOutput = z.object({
  runId: z.string(),
  status: runStatusSchema,
  /** False when an idempotency key matched an existing run. */
  created: z.boolean(),
});

export const runOutput = z.object({
  id: z.string(),
  name: z.string(),
  datasetId: z.string(),
  datasetName: z.string(),
  datasetVersion: z.number(),
  status: runStatusSchema,
  total: z.number(),
  doneCount: z.number(),
  failedCount: z.number(),
  /** How many times the run has executed: 1, then +1 per "retry failed items". */
  round: z.number(),
  error: z.string().nullable(),
  summary: runSummarySchema.nullable(),
  /** The saved target the run used (null for a one-off config, or once that target is deleted). */
  targetId: z.string().nullable(),
  targetName: z.string().nullable(),
  /** The target configuration the run used, secrets masked. */
  target: targetConfigSchema,
  scorers: z.array(scorerConfigSchema),
  settings: runSettingsSchema,
  createdAt: z.date(),
  /** When the current round started (the first execution, or the latest retry of failed items). */
  startedAt: z.date().nullable(),
  /** Executing time of the earlier rounds; the run's duration is this plus the current round's. */
  executedMs: z.number(),
  completedAt: z.date().nullable(),
  /**
   * True once nothing more will change without a new action: the run is
   * terminal and its executor has let go. After a cancel the executor still
   * stores the results its target already answered and writes the final
   * summary before it releases the run, so a page polls until then.
   */
  settled: z.boolean(),
});
export type RunDto = z.infer<typeof runOutput>;

export const runListOutput = z.object({
  runs: z.array(
    runOutput.omit({ summary: true, scorers: true, settings: true, target: true }).extend({
      targetKind: z.string(),
      /** Each scorer's mean and pass rate from the run's summary (as the run page shows them); empty before the first summary. */
      scores: z.array(z.object({ name: z.string(), mean: z.number().nullable(), passRate: z.number().nullable() })),
    }),
  ),
  ...pagePosition,
});

export const scoreOutput = z.object({
  name: z.string(),
  value: z.number().nullable(),
  passed: z.boolean().nullable(),
  reason: z.string().nullable(),
  error: z.string().nullable(),
  skipped: z.boolean(),
  /** What computing this score spent (an LLM judge); null for scorers that call no model. */
  promptTokens: z.number().nullable(),
  completionTokens: z.number().nullable(),
  costUsd: z.number().nullable(),
});

export const resultOutput = z.object({
  id: z.string(),
  itemId: z.string(),
  /** Position of the item in its dataset, from 1. */
  ordinal: z.number(),
  repetition: z.number(),
  input: jsonValueSchema,
  expectedOutput: jsonValueSchema.nullable(),
  metadata: jsonValueSchema.nullable(),
  output: jsonValueSchema.nullable(),
  error: z.string().nullable(),
  latencyMs: z.number().nullable(),
  attempts: z.number(),
  promptTokens: z.number().nullable(),
  completionTokens: z.number().nullable(),
  costUsd: z.number().nullable(),
  /** 1 for the first execution, 2+ when produced by "retry failed items". */
  round: z.number(),
  createdAt: z.date(),
  scores: z.array(scoreOutput),
});
export type ResultDto = z.infer<typeof resultOutput>;

const binSchema = z.object({ from: z.number(), to: z.number(), count: z.number() });

export const distributionsOutput = z.object({
  scorers: z.array(z.object({ name: z.string(), bins: z.array(binSchema) })),
  latency: z.object({ bins: z.array(binSchema) }),
});
export type Distributions = z.infer<typeof distributionsOutput>;

/**
 * The summary as a run stores it: with the run's histograms, written with it
 * by the run's executor (engine/summary.ts), which `runs.distributions` reads
 * and `runs.get` leaves out.
 */
export const storedSummarySchema = runSummarySchema.extend({ distributions: distributionsOutput.optional() });
export type StoredRunSummary = z.infer<typeof storedSummarySchema>;

export const resultPageOutput = z.object({
  results: z.array(resultOutput),
  ...pagePosition,
});
