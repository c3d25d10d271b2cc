import { z } from "zod";
import { createTRPCRouter, publicProcedure } from "@/server/trpc";
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
  triggerRunInput,
  triggerRunOutput,
} from "../schemas";
import { cancelRun, getResult, getRun, listResults, listRuns, retryFailedItems, triggerRun } from "./run-service";

export const runsRouter = createTRPCRouter({
  trigger: publicProcedure
    .input(triggerRunInput)
    .output(triggerRunOutput)
    .mutation(({ input }) => triggerRun(input)),
  get: publicProcedure
    .input(runIdInput)
    .output(runOutput)
    .query(({ input }) => getRun(input.id)),
  list: publicProcedure
    .input(listRunsInput)
    .output(runListOutput)
    .query(({ input }) => listRuns(input)),
  cancel: publicProcedure
    .input(runIdInput)
    .output(z.object({ runId: z.string(), status: runStatusSchema }))
    .mutation(({ input }) => cancelRun(input.id)),
  retryFailed: publicProcedure
    .input(runIdInput)
    .output(z.object({ runId: z.string(), status: runStatusSchema, retrying: z.number() }))
    .mutation(({ input }) => retryFailedItems(input.id)),
  results: publicProcedure
    .input(listResultsInput)
    .output(resultPageOutput)
    .query(({ input }) => listResults(input)),
  result: publicProcedure
    .input(resultIdInput)
    .output(resultOutput)
    .query(({ input }) => getResult(input.id)),
});
