import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "@/server/trpc";
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
  trigger: protectedProcedure
    .input(triggerRunInput)
    .output(triggerRunOutput)
    .mutation(({ input }) => triggerRun(input)),
  get: protectedProcedure
    .input(runIdInput)
    .output(runOutput)
    .query(({ input }) => getRun(input.id)),
  list: protectedProcedure
    .input(listRunsInput)
    .output(runListOutput)
    .query(({ input }) => listRuns(input)),
  cancel: protectedProcedure
    .input(runIdInput)
    .output(z.object({ runId: z.string(), status: runStatusSchema }))
    .mutation(({ input }) => cancelRun(input.id)),
  retryFailed: protectedProcedure
    .input(runIdInput)
    .output(z.object({ runId: z.string(), status: runStatusSchema, retrying: z.number() }))
    .mutation(({ input }) => retryFailedItems(input.id)),
  /** Histograms of scores (per scorer, 10 bins over 0..1) and of latency. */
  distributions: protectedProcedure
    .input(z.object({ runId: runIdInput.shape.id }))
    .output(distributionsOutput)
    .query(({ input }) => runDistributions(input.runId)),
  results: protectedProcedure
    .input(listResultsInput)
    .output(resultPageOutput)
    .query(({ input }) => listResults(input)),
  result: protectedProcedure
    .input(resultIdInput)
    .output(resultOutput)
    .query(({ input }) => getResult(input.id)),
});
