import { createTRPCRouter, query } from "@/server/trpc";
import { compareInput, compareItemsInput, compareItemsOutput, compareOutput } from "../schemas";
import { compareItems, compareRuns } from "./compare-service";

export const compareRouter = createTRPCRouter({
  /** Per-scorer means, deltas with a 95% bootstrap interval, and regression counts for each candidate. */
  runs: query(compareInput, compareOutput, compareRuns),
  /** One page of the per-item comparison, filtered and sorted by a scorer's delta. */
  items: query(compareItemsInput, compareItemsOutput, compareItems),
});
