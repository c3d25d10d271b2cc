import { z } from "zod";
import { createTRPCRouter, mutation, query } from "@/server/trpc";
import {
  listResultsInput,
  listRunsInput,
  resultIdInput,
  resultOutput,
  resultPageOutput,
  runIdInput,
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
  get: query(runIdInput, runOutput, ({ id }) => getRun(id)),
  list: query(listRunsInput, runListOutput, listRuns),
  cancel: mutation(runIdInput, z.object({ runId: z.string(), status: runStatusSchema }), ({ id }) => cancelRun(id)),
  retryFailed: mutation(runIdInput, z.object({ runId: z.string(), status: runStatusSchema, retrying: z.number() }), ({ id }) => retryFailedItems(id)),
  /** Histograms of scores (per scorer, 10 bins over 0..1) and of latency. */
  distributions: query(z.object({ runId: runIdInput.shape.id }), distributionsOutput, ({ runId }) => runDistributions(runId)),
  results: query(listResultsInput, resultPageOutput, listResults),
  result: query(resultIdInput, resultOutput, ({ id }) => getResult(id)),
});
