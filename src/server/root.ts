import { apiKeysRouter, authRouter } from "@/features/auth/server/router";
import { compareRouter } from "@/features/compare/server/router";
import { datasetsRouter, itemsRouter } from "@/features/datasets/server/router";
import { runsRouter } from "@/features/runs/server/router";
import { targetsRouter } from "@/features/targets/server/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  datasets: datasetsRouter,
  items: itemsRouter,
  runs: runsRouter,
  targets: targetsRouter,
  compare: compareRouter,
  auth: authRouter,
  apiKeys: apiKeysRouter,
});

/** The API's type: import it with `import type` from other TypeScript apps. */
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
