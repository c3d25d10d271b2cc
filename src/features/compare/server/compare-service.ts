import { Prisma } from "@/generated/prisma/client";
import type { JsonValue } from "@/lib/json";
import { db } from "@/server/db";
import { AppError, badRequest, notFound } from "@/server/errors";
import { scorerConfigSchema } from "@/features/scorers/schemas";
import { bootstrapMeanInterval } from "../bootstrap";
import type { CompareOutput, ScorerDelta } from "../schemas";

/**
 * Comparing a candidate run with a baseline, item by item. Results are matched
 * by the item's stable id and the repetition, so runs on different dataset
 * versions still line up where their items do. Pairing and counting happen in
 * SQL (portable: joins and CASE only); the bootstrap runs over the paired
 * deltas of one scorer at a time.
 */

async function runRef(id: string) {
  const run = await db.run.findUnique({
    where: { id },
    select: { id: true, name: true, status: true, datasetId: true, datasetVersion: true, target: true, createdAt: true, scorers: true, savedTarget: { select: { name: true } } },
  });
  if (!run) throw notFound("Run", id);
  const kind = (run.target as { kind?: string } | null)?.kind ?? "target";
  const scorerNames = scorerConfigSchema.array().safeParse(run.scorers).data?.map((s) => s.name) ?? [];
  return {
    ref: { id: run.id, name: run.name, status: run.status, datasetId: run.datasetId, datasetVersion: run.datasetVersion, targetLabel: run.savedTarget?.name ?? kind, createdAt: run.createdAt },
    scorerNames,
  };
}

type PairRow = { itemId: string; repetition: number; name: string; bv: number | null; cv: number | null };

async function scorePairs(baselineRunId: string, candidateRunId: string): Promise<PairRow[]> {
  return db.$queryRaw<PairRow[]>`
    SELECT b."itemId" AS "itemId", b."repetition" AS "repetition", bs."name" AS "name", bs."value" AS "bv", cs."value" AS "cv"
    FROM "Result" b
    JOIN "Score" bs ON bs."resultId" = b."id"
    JOIN "Result" c ON c."runId" = ${candidateRunId} AND c."itemId" = b."itemId" AND c."repetition" = b."repetition"
    JOIN "Score" cs ON cs."resultId" = c."id" AND cs."name" = bs."name"
    WHERE b."runId" = ${baselineRunId} AND bs."skipped" = false AND cs."skipped" = false`;
}

async function matchedCount(baselineRunId: string, candidateRunId: string): Promise<number> {
  const rows = await db.$queryRaw<{ n: bigint | number }[]>`
    SELECT COUNT(*) AS "n" FROM "Result" b
    JOIN "Result" c ON c."runId" = ${candidateRunId} AND c."itemId" = b."itemId" AND c."repetition" = b."repetition"
    WHERE b."runId" = ${baselineRunId}`;
  return Number(rows[0]?.n ?? 0);
}

export function scorerDeltas(pairs: PairRow[], names: string[], epsilon: number): { scorers: ScorerDelta[]; regressedItems: number; improvedItems: number } {
  const regressed = new Set<string>();
  const improved = new Set<string>();
  const scorers = names.map((name) => {
    const deltas: number[] = [];
    let baseSum = 0;
    let candSum = 0;
    let regressions = 0;
    let improvements = 0;
    let unchanged = 0;
    for (const p of pairs) {
      if (p.name !== name || p.bv === null || p.cv === null) continue;
      const delta = p.cv - p.bv;
      deltas.push(delta);
      baseSum += p.bv;
      candSum += p.cv;
      const key = `${p.itemId}:${p.repetition}`;
      if (delta < -epsilon) {
        regressions += 1;
        regressed.add(key);
      } else if (delta > epsilon) {
        improvements += 1;
        improved.add(key);
      } else unchanged += 1;
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
      regressions,
      improvements,
      unchanged,
    };
  });
  return { scorers, regressedItems: regressed.size, improvedItems: improved.size };
}

export async function compareRuns(input: { baselineRunId: string; candidateRunIds: string[]; epsilon: number }): Promise<CompareOutput> {
  const baseline = await runRef(input.baselineRunId);
  const candidates = await Promise.all(
    input.candidateRunIds.map(async (candidateRunId) => {
      if (candidateRunId === input.baselineRunId) throw badRequest("A run cannot be compared with itself.", "candidateRunIds");
      const candidate = await runRef(candidateRunId);
      if (candidate.ref.datasetId !== baseline.ref.datasetId) {
        throw new AppError("BAD_REQUEST", `Run ${candidateRunId} is on another dataset; only runs on the same dataset can be compared.`, { field: "candidateRunIds" });
      }
      const [pairs, matched, baseTotal, candTotal] = await Promise.all([
        scorePairs(input.baselineRunId, candidateRunId),
        matchedCount(input.baselineRunId, candidateRunId),
        db.result.count({ where: { runId: input.baselineRunId } }),
        db.result.count({ where: { runId: candidateRunId } }),
      ]);
      const names = baseline.scorerNames.filter((n) => candidate.scorerNames.includes(n));
      return {
        run: candidate.ref,
        versionMismatch: candidate.ref.datasetVersion !== baseline.ref.datasetVersion,
        matched,
        onlyBaseline: baseTotal - matched,
        onlyCandidate: candTotal - matched,
        ...scorerDeltas(pairs, names, input.epsilon),
      };
    }),
  );
  return { baseline: baseline.ref, candidates };
}

type ItemRow = { bid: string | null; cid: string | null; itemId: string; ordinal: number; repetition: number; bv: number | null; cv: number | null };

const FILTERS: Record<string, Prisma.Sql> = {
  all: Prisma.sql`1 = 1`,
  regressed: Prisma.sql`cs."value" < bs."value" - `,
  improved: Prisma.sql`cs."value" > bs."value" + `,
  unchanged: Prisma.sql`ABS(cs."value" - bs."value") <= `,
  "only-baseline": Prisma.sql`c."id" IS NULL`,
};

const ORDERS: Record<string, Prisma.Sql> = {
  ordinal: Prisma.sql`"ordinal" ASC, "repetition" ASC`,
  "delta-asc": Prisma.sql`CASE WHEN cs."value" IS NULL OR bs."value" IS NULL THEN 1 ELSE 0 END, (cs."value" - bs."value") ASC, "ordinal" ASC`,
  "delta-desc": Prisma.sql`CASE WHEN cs."value" IS NULL OR bs."value" IS NULL THEN 1 ELSE 0 END, (cs."value" - bs."value") DESC, "ordinal" ASC`,
};

/** One page of the per-item comparison, filtered and sorted by one scorer's delta. */
export async function compareItems(input: {
  baselineRunId: string;
  candidateRunId: string;
  scorer?: string;
  filter: "all" | "regressed" | "improved" | "unchanged" | "only-baseline" | "only-candidate";
  sort: "ordinal" | "delta-asc" | "delta-desc";
  page: number;
  pageSize: number;
  epsilon: number;
}) {
  const [baseline, candidate] = await Promise.all([runRef(input.baselineRunId), runRef(input.candidateRunId)]);
  const shared = baseline.scorerNames.filter((n) => candidate.scorerNames.includes(n));
  if (input.scorer !== undefined && !shared.includes(input.scorer)) {
    throw badRequest(`Both runs need a scorer named "${input.scorer}"; they share: ${shared.join(", ") || "none"}.`, "scorer");
  }
  const scorer = input.scorer ?? shared[0] ?? null;
  const offset = (input.page - 1) * input.pageSize;

  let rows: ItemRow[];
  let total: number;
  if (input.filter === "only-candidate") {
    const where = Prisma.sql`c."runId" = ${input.candidateRunId} AND b."id" IS NULL`;
    const from = Prisma.sql`FROM "Result" c LEFT JOIN "Result" b ON b."runId" = ${input.baselineRunId} AND b."itemId" = c."itemId" AND b."repetition" = c."repetition"`;
    rows = await db.$queryRaw<ItemRow[]>`
      SELECT NULL AS "bid", c."id" AS "cid", c."itemId" AS "itemId", c."ordinal" AS "ordinal", c."repetition" AS "repetition", NULL AS "bv", NULL AS "cv"
      ${from} WHERE ${where} ORDER BY c."ordinal" ASC, c."repetition" ASC LIMIT ${input.pageSize} OFFSET ${offset}`;
    total = Number((await db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" ${from} WHERE ${where}`)[0]?.n ?? 0);
  } else {
    if (scorer === null && ["regressed", "improved", "unchanged"].includes(input.filter)) {
      throw badRequest("The runs share no scorer, so there are no deltas to filter by.", "filter");
    }
    const name = scorer ?? "";
    const from = Prisma.sql`
      FROM "Result" b
      LEFT JOIN "Result" c ON c."runId" = ${input.candidateRunId} AND c."itemId" = b."itemId" AND c."repetition" = b."repetition"
      LEFT JOIN "Score" bs ON bs."resultId" = b."id" AND bs."name" = ${name} AND bs."skipped" = false
      LEFT JOIN "Score" cs ON cs."resultId" = c."id" AND cs."name" = ${name} AND cs."skipped" = false`;
    const needsEpsilon = ["regressed", "improved", "unchanged"].includes(input.filter);
    const condition = needsEpsilon ? Prisma.sql`${FILTERS[input.filter]!}${input.epsilon}` : FILTERS[input.filter]!;
    const where = Prisma.sql`b."runId" = ${input.baselineRunId} AND ${condition}`;
    rows = await db.$queryRaw<ItemRow[]>`
      SELECT b."id" AS "bid", c."id" AS "cid", b."itemId" AS "itemId", b."ordinal" AS "ordinal", b."repetition" AS "repetition", bs."value" AS "bv", cs."value" AS "cv"
      ${from} WHERE ${where} ORDER BY ${ORDERS[input.sort]!} LIMIT ${input.pageSize} OFFSET ${offset}`;
    total = Number((await db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" ${from} WHERE ${where}`)[0]?.n ?? 0);
  }

  const ids = rows.flatMap((r) => [r.bid, r.cid]).filter((id): id is string => id !== null);
  const results = await db.result.findMany({
    where: { id: { in: ids } },
    include: {
      scores: { select: { name: true, value: true, passed: true, reason: true, error: true }, orderBy: { name: "asc" } },
      datasetItem: { select: { input: true, expectedOutput: true } },
    },
  });
  const byId = new Map(results.map((r) => [r.id, r]));
  const side = (id: string | null) => {
    const r = id ? byId.get(id) : undefined;
    if (!r) return null;
    return { resultId: r.id, output: (r.output ?? null) as JsonValue | null, error: r.error, latencyMs: r.latencyMs, scores: r.scores };
  };
  return {
    scorer,
    scorers: shared,
    rows: rows.map((row) => {
      const item = byId.get(row.bid ?? row.cid ?? "")?.datasetItem;
      const bv = row.bv === null ? null : Number(row.bv);
      const cv = row.cv === null ? null : Number(row.cv);
      return {
        itemId: row.itemId,
        ordinal: Number(row.ordinal),
        repetition: Number(row.repetition),
        input: (item?.input ?? null) as JsonValue,
        expectedOutput: (item?.expectedOutput ?? null) as JsonValue | null,
        baseline: side(row.bid),
        candidate: side(row.cid),
        delta: bv !== null && cv !== null ? cv - bv : null,
      };
    }),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
