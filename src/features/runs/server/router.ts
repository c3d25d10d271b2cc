import { z } from "zod";
import { idInput, idSchema } from "@/lib/api-schemas";
import { cachedQuery, createTRPCRouter, mutation, query } from "@/server/trpc";
import {
  listResultsInput,
  listRunsInput,
  resultOutput,
  resultPageOutput,
  runListOutput,
  runOutput,
  runStatusSchema,
  distributionsOutput,
  triggerRunInput,
  triggerRunOutput,
} from "../schemas";
import { getResult, getRun, listResults, listRuns, runDistributions } from "./run-read-model";
import { cancelRun, retryFailedItems, triggerRun } from "./run-service";

export const runsRouter = createTRPCRouter({
  trigger: mutation(triggerRunInput, triggerRunOutput, triggerRun),
  get: cachedQuery(idInput, runOutput, ({ id }) => getRun(id)),
  list: query(listRunsInput, runListOutput, listRuns),
  cancel: mutation(idInput, z.object({ runId: z.string(), status: runStatusSchema }), ({ id }) => cancelRun(id)),
  retryFailed: mutation(idInput, z.object({ runId: z.string(), status: runStatusSchema, retrying: z.number() }), ({ id }) => retryFailedItems(id)),
  /** Histograms of scores (per scorer, 10 bins over 0..1) and of latency. */
  distributions: cachedQuery(z.object({ runId: idSchema }), distributionsOutput, ({ runId }) => runDistributions(runId)),
  results: cachedQuery(listResultsInput, resultPageOutput, listResults),
  result: query(idInput, resultOutput, ({ id }) => getResult(id)),
});
