import { z } from "zod";
import { defineScorerKind, type ScorerConfigOf } from "../kind";
import { ScorerError, type Scorer } from "../types";

const params = z.object({
  budgetMs: z.number({ error: "is required" }).int().min(1, "must be at least 1 ms").max(3_600_000, "must be at most 3600000 ms"),
  /** Over budget: `step` scores 0; `linear` falls from 1 at the budget to 0 at twice it. */
  decay: z.enum(["step", "linear"], { error: 'must be "step" or "linear"' }).default("step"),
});

/**
 * Within budget: 1. Over it: 0 with `step`; with `linear`, 1 − (latency −
 * budget) / budget, which reaches 0 at twice the budget and stays there.
 */
function createLatencyBudgetScorer(config: ScorerConfigOf<typeof params>): Scorer {
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

export const latencyBudgetScorer = defineScorerKind({
  type: "latency-budget",
  label: "Latency budget",
  description: "1 when the target answered within the budget (optionally falling to 0 at twice it).",
  defaultThreshold: 1,
  group: "Numbers & timing",
  params,
  form: [
    {
      grid: "grid-cols-2",
      row: [
        // An empty box is left to the schema, which says the budget is required.
        { control: "number", key: "budgetMs", label: "Budget (ms)", initial: "2000" },
        {
          control: "select",
          key: "decay",
          label: "Over budget",
          options: [
            ["step", "Score 0"],
            ["linear", "Fall linearly to 0 at twice it"],
          ],
        },
      ],
    },
  ],
  create: createLatencyBudgetScorer,
});
