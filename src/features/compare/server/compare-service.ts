import type { JsonValue } from "@/lib/json";
import { db } from "@/server/db";
import { AppError, badRequest, notFound } from "@/server/errors";
import { runScorerNames, runTargetKind, itemStats, scoreCountsOf, type ItemStats } from "@/features/runs/server";
import { isFlaky, itemMove, scoreFigures, type ItemMove, type ItemSide } from "@/features/runs";
import { bootstrapMeanInterval } from "../bootstrap";
import type { CompareOutput, ScorerDelta } from "../schemas";

/**
 * Comparing a candidate run with a baseline, item by item. Items are matched
 * by their stable id, so runs on different dataset versions still line up
 * where their items do; with repetitions, each item's value is the mean over
 * its repetitions (src/features/runs/metrics.ts: target errors count as 0), so
 * a run with 5 repetitions pairs with a run with 1. The database counts per
 * item (one row per item and scorer); pairing, moves and the bootstrap run here.
 */

async function runRef(id: string) {
  const run = await db.run.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      status: true,
      datasetId: true,
      datasetVersion: true,
      target: true,
      createdAt: true,
      scorers: true,
      savedTarget: { select: { name: true } },
    },
  });
  if (!run) throw notFound("Run", id);
  const kind = runTargetKind(run.target) ?? "target";
  const scorerNames = runScorerNames(run.scorers);
  return {
    ref: {
      id: run.id,
      name: run.name,
      status: run.status,
      datasetId: run.datasetId,
      datasetVersion: run.datasetVersion,
      targetLabel: run.savedTarget?.name ?? kind,
      createdAt: run.createdAt,
    },
    scorerNames,
  };
}

function sideOf(item: ItemStats, name: string): ItemSide & { flaky: boolean } {
  const counts = scoreCountsOf(item, name);
  return { value: scoreFigures(counts).mean, allErrored: item.errored === item.results, flaky: isFlaky(counts) };
}

interface PairedItem {
  itemId: string;
  ordinal: number;
  baseline: ItemStats | null;
  candidate: ItemStats | null;
}

/** Every item of either run, in dataset order, with its stats on each side. */
function pairItems(baseline: Map<string, ItemStats>, candidate: Map<string, ItemStats>): PairedItem[] {
  const items: PairedItem[] = [];
  for (const b of baseline.values()) items.push({ itemId: b.itemId, ordinal: b.ordinal, baseline: b, candidate: candidate.get(b.itemId) ?? null });
  for (const c of candidate.values()) if (!baseline.has(c.itemId)) items.push({ itemId: c.itemId, ordinal: c.ordinal, baseline: null, candidate: c });
  return items.sort((x, y) => x.ordinal - y.ordinal);
}

interface Move {
  delta: number | null;
  move: ItemMove | null;
  flaky: boolean;
  baseline: ItemSide | null;
  candidate: ItemSide | null;
}

const NO_MOVE: Move = { delta: null, move: null, flaky: false, baseline: null, candidate: null };

function moveOf(item: PairedItem, name: string, epsilon: number): Move {
  if (!item.baseline || !item.candidate) return NO_MOVE;
  const b = sideOf(item.baseline, name);
  const c = sideOf(item.candidate, name);
  const move = itemMove(b, c, epsilon);
  return { delta: move === null ? null : c.value! - b.value!, move, flaky: b.flaky || c.flaky, baseline: b, candidate: c };
}

export function scorerDeltas(items: PairedItem[], names: string[], epsilon: number) {
  const regressed = new Set<string>();
  const improved = new Set<string>();
  const flaky = new Set<string>();
  const scorers = names.map((name): ScorerDelta => {
    const deltas: number[] = [];
    let baseSum = 0;
    let candSum = 0;
    const counts = { regressions: 0, improvements: 0, unchanged: 0, unpaired: 0, regressionsFromErrors: 0, improvementsFromErrors: 0, flakyMoves: 0 };
    for (const item of items) {
      if (!item.baseline || !item.candidate) continue;
      const m = moveOf(item, name, epsilon);
      if (m.flaky) flaky.add(item.itemId);
      if (m.move === null) {
        counts.unpaired += 1;
        continue;
      }
      deltas.push(m.delta!);
      baseSum += m.baseline!.value!;
      candSum += m.candidate!.value!;
      if (m.move === "regressed") {
        counts.regressions += 1;
        regressed.add(item.itemId);
        if (m.candidate!.allErrored) counts.regressionsFromErrors += 1;
      } else if (m.move === "improved") {
        counts.improvements += 1;
        improved.add(item.itemId);
        if (m.baseline!.allErrored) counts.improvementsFromErrors += 1;
      } else counts.unchanged += 1;
      if (m.move !== "unchanged" && m.flaky) counts.flakyMoves += 1;
    }
    const n = deltas.length;
    const interval = bootstrapMeanInterval(deltas);
    return {
      name,
      baselineMean: n ? baseSum / n : null,
      candidateMean: n ? candSum / n : null,
      delta: n ? (candSum - baseSum) / n : null,
      deltaInterval: interval,
      significant: interval !== null && (interval[0] > 0 || interval[1] < 0),
      pairs: n,
      ...counts,
    };
  });
  return { scorers, regressedItems: regressed.size, improvedItems: improved.size, flakyItems: flaky.size };
}

async function loadPair(baselineRunId: string, candidateRunId: string) {
  const [baseline, candidate] = await Promise.all([runRef(baselineRunId), runRef(candidateRunId)]);
  if (candidate.ref.datasetId !== baseline.ref.datasetId) {
    throw new AppError("BAD_REQUEST", `Run ${candidateRunId} is on another dataset; only runs on the same dataset can be compared.`, {
      field: "candidateRunIds",
    });
  }
  const [baseStats, candStats] = await Promise.all([itemStats(baselineRunId), itemStats(candidateRunId)]);
  return {
    baseline,
    candidate,
    items: pairItems(baseStats, candStats),
    shared: baseline.scorerNames.filter((n) => candidate.scorerNames.includes(n)),
  };
}

export async function compareRuns(input: { baselineRunId: string; candidateRunIds: string[]; epsilon: number }): Promise<CompareOutput> {
  const baseline = await runRef(input.baselineRunId);
  const candidates = await Promise.all(
    input.candidateRunIds.map(async (candidateRunId) => {
      if (candidateRunId === input.baselineRunId) throw badRequest("A run cannot be compared with itself.", "candidateRunIds");
      const pair = await loadPair(input.baselineRunId, candidateRunId);
      const matched = pair.items.filter((i) => i.baseline && i.candidate);
      return {
        run: pair.candidate.ref,
        versionMismatch: pair.candidate.ref.datasetVersion !== baseline.ref.datasetVersion,
        matched: matched.length,
        onlyBaseline: pair.items.filter((i) => !i.candidate).length,
        onlyCandidate: pair.items.filter((i) => !i.baseline).length,
        errored: {
          baseline: matched.reduce((sum, i) => sum + i.baseline!.errored, 0),
          candidate: matched.reduce((sum, i) => sum + i.candidate!.errored, 0),
        },
        scorersOnlyInBaseline: baseline.scorerNames.filter((n) => !pair.shared.includes(n)),
        scorersOnlyInCandidate: pair.candidate.scorerNames.filter((n) => !pair.shared.includes(n)),
        ...scorerDeltas(pair.items, pair.shared, input.epsilon),
      };
    }),
  );
  return { baseline: baseline.ref, candidates };
}

type CompareItemFilter = "all" | "regressed" | "improved" | "unchanged" | "flaky" | "only-baseline" | "only-candidate";

function keep(filter: CompareItemFilter, item: PairedItem, move: Move): boolean {
  switch (filter) {
    case "all":
      return item.baseline !== null;
    case "only-baseline":
      return item.candidate === null;
    case "only-candidate":
      return item.baseline === null;
    case "flaky":
      return move.flaky;
    default:
      return move.move === filter;
  }
}

const SORTS = {
  ordinal: (x: { item: PairedItem }, y: { item: PairedItem }) => x.item.ordinal - y.item.ordinal,
  // Unpaired items last, then by delta, then in dataset order.
  "delta-asc": (x: { item: PairedItem; move: Move }, y: { item: PairedItem; move: Move }) => byDelta(x, y, 1),
  "delta-desc": (x: { item: PairedItem; move: Move }, y: { item: PairedItem; move: Move }) => byDelta(x, y, -1),
} as const;

function byDelta(x: { item: PairedItem; move: Move }, y: { item: PairedItem; move: Move }, direction: 1 | -1): number {
  const a = x.move.delta;
  const b = y.move.delta;
  if (a === null || b === null) return a === b ? x.item.ordinal - y.item.ordinal : a === null ? 1 : -1;
  return (a - b) * direction || x.item.ordinal - y.item.ordinal;
}

/** One page of the per-item comparison, filtered and sorted by one scorer's per-item delta. */
export async function compareItems(input: {
  baselineRunId: string;
  candidateRunId: string;
  scorer?: string;
  filter: CompareItemFilter;
  sort: "ordinal" | "delta-asc" | "delta-desc";
  page: number;
  pageSize: number;
  epsilon: number;
}) {
  const pair = await loadPair(input.baselineRunId, input.candidateRunId);
  if (input.scorer !== undefined && !pair.shared.includes(input.scorer)) {
    throw badRequest(`Both runs need a scorer named "${input.scorer}"; they share: ${pair.shared.join(", ") || "none"}.`, "scorer");
  }
  const scorer = input.scorer ?? pair.shared[0] ?? null;
  if (scorer === null && ["regressed", "improved", "unchanged", "flaky"].includes(input.filter)) {
    throw badRequest("The runs share no scorer, so there are no deltas to filter by.", "filter");
  }
  const kept = pair.items
    .map((item) => ({ item, move: scorer === null ? NO_MOVE : moveOf(item, scorer, input.epsilon) }))
    .filter(({ item, move }) => keep(input.filter, item, move))
    .sort(SORTS[input.sort]);
  const offset = (input.page - 1) * input.pageSize;
  const page = kept.slice(offset, offset + input.pageSize);

  // The first repetition of each item on each side: what the output columns show.
  const firstResults = await db.result.findMany({
    where: {
      OR: [
        { runId: input.baselineRunId, itemId: { in: page.filter((p) => p.item.baseline).map((p) => p.item.itemId) } },
        { runId: input.candidateRunId, itemId: { in: page.filter((p) => p.item.candidate).map((p) => p.item.itemId) } },
      ],
    },
    orderBy: [{ repetition: "asc" }],
    distinct: ["runId", "itemId"],
    include: {
      scores: { select: { name: true, value: true, passed: true, reason: true, error: true }, orderBy: { name: "asc" } },
      datasetItem: { select: { input: true, expectedOutput: true } },
    },
  });
  const resultOf = (runId: string, itemId: string) => firstResults.find((r) => r.runId === runId && r.itemId === itemId);
  const side = (runId: string, stats: ItemStats | null) => {
    const r = stats ? resultOf(runId, stats.itemId) : undefined;
    if (!stats || !r) return null;
    const counts = scorer === null ? null : scoreCountsOf(stats, scorer);
    return {
      resultId: r.id,
      output: (r.output ?? null) as JsonValue | null,
      error: r.error,
      latencyMs: r.latencyMs,
      scores: r.scores,
      value: counts ? scoreFigures(counts).mean : null,
      repetitions: stats.results,
      erroredRepetitions: stats.errored,
      passedRepetitions: counts?.passed ?? 0,
      flaky: counts ? isFlaky(counts) : false,
    };
  };
  return {
    scorer,
    scorers: pair.shared,
    rows: page.map(({ item, move }) => {
      const data = (resultOf(input.baselineRunId, item.itemId) ?? resultOf(input.candidateRunId, item.itemId))?.datasetItem;
      return {
        itemId: item.itemId,
        ordinal: item.ordinal,
        input: (data?.input ?? null) as JsonValue,
        expectedOutput: (data?.expectedOutput ?? null) as JsonValue | null,
        baseline: side(input.baselineRunId, item.baseline),
        candidate: side(input.candidateRunId, item.candidate),
        delta: move.delta,
        move: move.move,
        byScorer: pair.shared.map((name) => {
          const m = name === scorer ? move : moveOf(item, name, input.epsilon);
          return { name, baseline: m.baseline?.value ?? null, candidate: m.candidate?.value ?? null, delta: m.delta, move: m.move };
        }),
      };
    }),
    total: kept.length,
    page: input.page,
    pageSize: input.pageSize,
  };
}
