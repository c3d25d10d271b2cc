import { z } from "zod";
import { idSchema } from "@/features/datasets";
import { runStatusSchema } from "@/features/runs";
import { pageInput, pagePosition } from "@/lib/api-schemas";
import { jsonValueSchema } from "@/lib/json";

export const COMPARE_LIMITS = { candidatesMax: 5, pageSizeMax: 200 } as const;

export const compareInput = z.object({
  baselineRunId: idSchema,
  candidateRunIds: z
    .array(idSchema)
    .min(1, "Pick at least one candidate run")
    .max(COMPARE_LIMITS.candidatesMax, `At most ${COMPARE_LIMITS.candidatesMax} candidates`),
  /** A change smaller than this is "unchanged". */
  epsilon: z.number().min(0).max(1).default(1e-9),
});

/** flaky: items that passed in some repetitions and not in others, in either run. */
export const compareItemFilterSchema = z.enum(["all", "regressed", "improved", "unchanged", "flaky", "only-baseline", "only-candidate"]);

export const compareItemsInput = z.object({
  baselineRunId: idSchema,
  candidateRunId: idSchema,
  /** The scorer whose delta filters and sorts the rows; the first shared scorer when omitted. */
  scorer: z.string().min(1).max(60).optional(),
  filter: compareItemFilterSchema.default("all"),
  sort: z.enum(["ordinal", "delta-asc", "delta-desc"]).default("ordinal"),
  ...pageInput(COMPARE_LIMITS.pageSizeMax, 50),
  epsilon: z.number().min(0).max(1).default(1e-9),
});

const runRef = z.object({
  id: z.string(),
  name: z.string(),
  status: runStatusSchema,
  datasetId: z.string(),
  datasetVersion: z.number(),
  targetLabel: z.string(),
  createdAt: z.date(),
});

/**
 * One scorer's comparison, over the items both runs have (paired). Each item's
 * value is the mean over its repetitions with target errors as 0
 * (src/features/runs/metrics.ts); items without a counted value on either side
 * (their scores were skipped or could not be computed) are not paired.
 */
export const scorerDeltaSchema = z.object({
  name: z.string(),
  /** Means over the paired items. */
  baselineMean: z.number().nullable(),
  candidateMean: z.number().nullable(),
  delta: z.number().nullable(),
  /** 95% bootstrap interval of the mean paired delta; null below 2 pairs. */
  deltaInterval: z.tuple([z.number(), z.number()]).nullable(),
  /** True when the interval excludes 0: the change is unlikely to be noise. */
  significant: z.boolean(),
  /** Items paired. */
  pairs: z.number(),
  regressions: z.number(),
  improvements: z.number(),
  unchanged: z.number(),
  /** Matched items left unpaired: no counted score on one side (skipped, or the scorer failed). */
  unpaired: z.number(),
  /** Of the regressions, the items the candidate errored on in every repetition (where the baseline answered). */
  regressionsFromErrors: z.number(),
  /** Of the improvements, the items the baseline errored on in every repetition. */
  improvementsFromErrors: z.number(),
  /** Of the regressions and improvements, items flaky in either run on this scorer: the change may be noise. */
  flakyMoves: z.number(),
});
export type ScorerDelta = z.infer<typeof scorerDeltaSchema>;

export const compareOutput = z.object({
  baseline: runRef,
  candidates: z.array(
    z.object({
      run: runRef,
      /** The runs were pinned to different dataset versions: rows are matched by item, but items may differ. */
      versionMismatch: z.boolean(),
      /** Items in both runs (matched by the item's stable id; repetitions are averaged per item). */
      matched: z.number(),
      onlyBaseline: z.number(),
      onlyCandidate: z.number(),
      /** Results whose target call failed, over the matched items. */
      errored: z.object({ baseline: z.number(), candidate: z.number() }),
      scorers: z.array(scorerDeltaSchema),
      /** Scorers of one run only: listed, never compared. */
      scorersOnlyInBaseline: z.array(z.string()),
      scorersOnlyInCandidate: z.array(z.string()),
      /** Items that regressed / improved on at least one scorer. */
      regressedItems: z.number(),
      improvedItems: z.number(),
      /** Matched items flaky in either run on at least one shared scorer. */
      flakyItems: z.number(),
    }),
  ),
});
export type CompareOutput = z.infer<typeof compareOutput>;

const itemMoveSchema = z.enum(["regressed", "improved", "unchanged"]);

const side = z
  .object({
    /** The item's first repetition in this run: what the output columns and the diff show. */
    resultId: z.string(),
    output: jsonValueSchema.nullable(),
    error: z.string().nullable(),
    latencyMs: z.number().nullable(),
    scores: z.array(
      z.object({ name: z.string(), value: z.number().nullable(), passed: z.boolean().nullable(), reason: z.string().nullable(), error: z.string().nullable() }),
    ),
    /** The item's figures on the chosen scorer, over all its repetitions. */
    value: z.number().nullable(),
    repetitions: z.number(),
    erroredRepetitions: z.number(),
    passedRepetitions: z.number(),
    flaky: z.boolean(),
  })
  .nullable();

export const compareItemsOutput = z.object({
  scorer: z.string().nullable(),
  scorers: z.array(z.string()),
  rows: z.array(
    z.object({
      itemId: z.string(),
      ordinal: z.number(),
      input: jsonValueSchema,
      expectedOutput: jsonValueSchema.nullable(),
      baseline: side,
      candidate: side,
      /** Candidate minus baseline for the chosen scorer (per-item values). */
      delta: z.number().nullable(),
      move: itemMoveSchema.nullable(),
      /** Every shared scorer's per-item values (mean over repetitions, target errors as 0) and move. */
      byScorer: z.array(
        z.object({
          name: z.string(),
          baseline: z.number().nullable(),
          candidate: z.number().nullable(),
          delta: z.number().nullable(),
          move: itemMoveSchema.nullable(),
        }),
      ),
    }),
  ),
  ...pagePosition,
});
