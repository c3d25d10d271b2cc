import { createTRPCRouter, protectedProcedure } from "@/server/trpc";
import { compareInput, compareItemsInput, compareItemsOutput, compareOutput } from "../schemas";
import { compareItems, compareRuns } from "./compare-service";

export const compareRouter = createTRPCRouter({
  /** Per-scorer means, deltas with a 95% bootstrap interval, and regression counts for each candidate. */
  runs: protectedProcedure
    .input(compareInput)
    .output(compareOutput)
    .query(({ input }) => compareRuns(input)),
  /** One page of the per-item comparison, filtered and sorted by a scorer's delta. */
  items: protectedProcedure
    .input(compareItemsInput)
    .output(compareItemsOutput)
    .query(({ input }) => compareItems(input)),
});
