import { z } from "zod";
import { createTRPCRouter, mutation, protectedProcedure, query } from "@/server/trpc";
import { createTargetInput, targetIdInput, targetOutput, tryTargetInput, tryTargetOutput, updateTargetInput } from "../schemas";
import { createSavedTarget, deleteTarget, getTarget, listTargets, tryTarget, updateTarget } from "./target-service";

export const targetsRouter = createTRPCRouter({
  list: protectedProcedure.output(z.array(targetOutput)).query(() => listTargets()),
  get: query(targetIdInput, targetOutput, ({ id }) => getTarget(id)),
  create: mutation(createTargetInput, targetOutput, createSavedTarget),
  update: mutation(updateTargetInput, targetOutput, updateTarget),
  delete: mutation(targetIdInput, z.object({ id: z.string() }), ({ id }) => deleteTarget(id)),
  /** Sends one sample to a target (saved, or a config being edited) and shows what came back. */
  try: mutation(tryTargetInput, tryTargetOutput, tryTarget),
});
