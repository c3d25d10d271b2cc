import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "@/server/trpc";
import { createTargetInput, targetIdInput, targetOutput, tryTargetInput, tryTargetOutput, updateTargetInput } from "../schemas";
import { createSavedTarget, deleteTarget, getTarget, listTargets, tryTarget, updateTarget } from "./target-service";

export const targetsRouter = createTRPCRouter({
  list: protectedProcedure.output(z.array(targetOutput)).query(() => listTargets()),
  get: protectedProcedure
    .input(targetIdInput)
    .output(targetOutput)
    .query(({ input }) => getTarget(input.id)),
  create: protectedProcedure
    .input(createTargetInput)
    .output(targetOutput)
    .mutation(({ input }) => createSavedTarget(input)),
  update: protectedProcedure
    .input(updateTargetInput)
    .output(targetOutput)
    .mutation(({ input }) => updateTarget(input)),
  delete: protectedProcedure
    .input(targetIdInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ input }) => deleteTarget(input.id)),
  /** Sends one sample to a target (saved, or a config being edited) and shows what came back. */
  try: protectedProcedure
    .input(tryTargetInput)
    .output(tryTargetOutput)
    .mutation(({ input }) => tryTarget(input)),
});
