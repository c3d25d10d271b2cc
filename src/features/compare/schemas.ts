import { z } from "zod";
import { idSchema } from "@/features/datasets/schemas";
import { jsonValueSchema } from "@/lib/json";

export const COMPARE_LIMITS = { candidatesMax: 5, pageSizeMax: 200 } as const;

export const compareInput = z.object({
  baselineRunId: idSchema,
  candidateRunIds: z.array(idSchema).min(1, "Pick at least one candidate run").max(COMPARE_LIMITS.candidatesMax, `At most ${COMPARE_LIMITS.candidatesMax} candidates`),
  /** A change smaller than this is "unchanged". */
  epsilon: z.number().min(0).max(1).default(1e-9),
});

export const compareItemFilterSchema = z.enum(["all", "regressed", "improved", "unchanged", "only-baseline", "only-candidate"]);

export const compareItemsInput = z.object({
  baselineRunId: idSchema,
  candidateRunId: idSchema,
  /** The scorer whose delta filters and sorts the rows; the first shared scorer when omitted. */
  scorer: z.string().min(1).max(60).optional(),
  filter: compareItemFilterSchema.default("all"),
  sort: z.enum(["ordinal", "delta-asc", "delta-desc"]).default("ordinal"),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(COMPARE_LIMITS.pageSizeMax).default(50),
  epsilon: z.number().min(0).max(1).default(1e-9),
});

const runRef = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  datasetId: z.string(),
  datasetVersion: z.number(),
  targetLabel: z.string(),
  createdAt: z.date(),
});

export const scorerDeltaSchema = z.object({
  name: z.string(),
  /** Means over the items scored in both runs (paired). */
  baselineMean: z.number().nullable(),
  candidateMean: z.number().nullable(),
  delta: z.number().nullable(),
  /** 95% bootstrap interval of the mean paired delta; null below 2 pairs. */
  deltaInterval: z.tuple([z.number(), z.number()]).nullable(),
  /** True when the interval excludes 0: the change is unlikely to be noise. */
  significant: z.boolean(),
  pairs: z.number(),
  regressions: z.number(),
  improvements: z.number(),
  unchanged: z.number(),
});
export type ScorerDelta = z.infer<typeof scorerDeltaSchema>;

export const compareOutput = z.object({
  baseline: runRef,
  candidates: z.array(
    z.object({
      run: runRef,
      /** The runs were pinned to different dataset versions: rows are matched by item, but items may differ. */
      versionMismatch: z.boolean(),
      /** Results matched by item id and repetition. */
      matched: z.number(),
      onlyBaseline: z.number(),
      onlyCandidate: z.number(),
      scorers: z.array(scorerDeltaSchema),
      /** Items that regressed / improved on at least one scorer. */
      regressedItems: z.number(),
      improvedItems: z.number(),
    }),
  ),
});
export type CompareOutput = z.infer<typeof compareOutput>;

const side = z
  .object({
    resultId: z.string(),
    output: jsonValueSchema.nullable(),
    error: z.string().nullable(),
    latencyMs: z.number().nullable(),
    scores: z.array(z.object({ name: z.string(), value: z.number().nullable(), passed: z.boolean().nullable(), reason: z.string().nullable(), error: z.string().nullable() })),
  })
  .nullable();

export const compareItemsOutput = z.object({
  scorer: z.string().nullable(),
  scorers: z.array(z.string()),
  rows: z.array(
    z.object({
      itemId: z.string(),
      ordinal: z.number(),
      repetition: z.number(),
      input: jsonValueSchema,
      expectedOutput: jsonValueSchema.nullable(),
      baseline: side,
      candidate: side,
      /** Candidate minus baseline for the chosen scorer. */
      delta: z.number().nullable(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
