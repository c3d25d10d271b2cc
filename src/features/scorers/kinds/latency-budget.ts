import { z } from "zod";
import { defineScorerKind } from "../kind";

export const latencyBudgetScorer = defineScorerKind({
  type: "latency-budget",
  label: "Latency budget",
  description: "1 when the target answered within the budget (optionally falling to 0 at twice it).",
  defaultThreshold: 1,
  group: "Numbers & timing",
  params: z.object({
    budgetMs: z.number({ error: "is required" }).int().min(1, "must be at least 1 ms").max(3_600_000, "must be at most 3600000 ms"),
    /** Over budget: `step` scores 0; `linear` falls from 1 at the budget to 0 at twice it. */
    decay: z.enum(["step", "linear"], { error: 'must be "step" or "linear"' }).default("step"),
  }),
});
