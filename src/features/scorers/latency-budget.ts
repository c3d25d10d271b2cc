import type { z } from "zod";
import type { latencyBudgetScorer } from "./kinds/latency-budget";
import { ScorerError, type Scorer } from "./types";

/**
 * Within budget: 1. Over it: 0 with `step`; with `linear`, 1 − (latency −
 * budget) / budget, which reaches 0 at twice the budget and stays there.
 */
export function createLatencyBudgetScorer(config: z.infer<typeof latencyBudgetScorer.config>): Scorer {
  const { budgetMs, decay } = config.params;
  return (context) => {
    const latency = context.latencyMs;
    if (typeof latency !== "number" || !Number.isFinite(latency) || latency < 0) throw new ScorerError("This result has no latency to check.");
    if (latency <= budgetMs) return { score: 1 };
    const over = `Took ${Math.round(latency)} ms, over the ${budgetMs} ms budget.`;
    if (decay === "step") return { score: 0, reason: over };
    return { score: Math.max(0, 1 - (latency - budgetMs) / budgetMs), reason: over };
  };
}
