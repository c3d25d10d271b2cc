import { describe, expect, it } from "vitest";
import { newId } from "@/lib/id";
import { db } from "@/server/db";
import { datasetWith } from "@/test/fixtures";
import { LeaseLostError } from "./lease";
import { MAX_ERROR_BYTES, ResultWriter, type ResultRecord, type ScoreRecord } from "./result-writer";

/*
 * The writer against a real SQLite database. The row the database refuses is
 * a real refusal, not a simulated one: a result whose scores share a name
 * breaks the Score (resultId, name) unique index, so its whole transaction
 * fails — as any value or constraint the database will not take would.
 */

const OWNER = "writer-test/1";

async function runOn(items: number, leaseOwner = OWNER) {
  const ds = await datasetWith(Array.from({ length: items }, (_, n) => ({ input: { n } })));
  const rows = await db.datasetItem.findMany({ where: { datasetId: ds.id }, orderBy: { ordinal: "asc" } });
  const run = await db.run.create({
    data: {
      datasetId: ds.id,
      datasetVersion: 1,
      target: { kind: "echo" },
      scorers: [],
      settings: {},
      total: items,
      status: "running",
      leaseOwner,
      leaseExpiresAt: new Date(Date.now() + 60_000),
    },
  });
  return { runId: run.id, rows };
}

function score(name: string, value = 1): ScoreRecord {
  return { id: newId(), name, value, passed: value >= 1, reason: null, error: null, skipped: false, promptTokens: null, completionTokens: null, costUsd: null };
}

function record(row: { id: string; itemId: string; ordinal: number }, patch: Partial<ResultRecord> = {}): ResultRecord {
  return {
    id: newId(),
    datasetItemId: row.id,
    itemId: row.itemId,
    ordinal: row.ordinal,
    repetition: 0,
    output: { answer: row.ordinal },
    error: null,
    latencyMs: 5,
    attempts: 1,
    round: 1,
    promptTokens: null,
    completionTokens: null,
    costUsd: null,
    scores: [score("exact")],
    ...patch,
  };
}

async function stored(runId: string) {
  const [results, run] = await Promise.all([
    db.result.findMany({ where: { runId }, orderBy: { ordinal: "asc" }, include: { scores: true } }),
    db.run.findUniqueOrThrow({ where: { id: runId }, select: { doneCount: true, failedCount: true } }),
  ]);
  return { results, run };
}

describe("ResultWriter", () => {
  it("stores a row the database refuses as an errored result; the rest of the batch keeps its outputs and the counters match the rows", async () => {
    const { runId, rows } = await runOn(5);
    const writer = new ResultWriter(runId, { intervalMs: 60_000, leaseOwner: OWNER, maxBatch: 10 });
    const records = rows.map((row, index) =>
      record(
        row,
        index === 2 ? { scores: [score("dup", 1), score("dup", 0)], output: "refused" } : index === 4 ? { output: null, error: "The target timed out" } : {},
      ),
    );
    for (const r of records) writer.add(r);
    await writer.close();

    const { results, run } = await stored(runId);
    expect(results.map((r) => r.id)).toEqual(records.map((r) => r.id));
    const refused = results[2]!;
    // SQLite's and PostgreSQL's words for the same refusal.
    expect(refused.error).toMatch(
      /^The result could not be stored: (UNIQUE constraint failed: Score\.resultId, Score\.name|duplicate key value violates unique constraint "Score_resultId_name_key")$/,
    );
    expect(refused.output).toBeNull();
    expect(refused.scores).toEqual([]);
    expect(refused.searchText).toContain("could not be stored");
    for (const index of [0, 1, 3]) {
      expect(results[index]!.error).toBeNull();
      expect(results[index]!.output).toEqual({ answer: rows[index]!.ordinal });
      expect(results[index]!.scores.map((s) => s.name)).toEqual(["exact"]);
    }
    expect(results[4]!.error).toBe("The target timed out");
    expect(run).toEqual({ doneCount: 5, failedCount: 2 });
    expect(writer.skipped).toBe(0);
  });

  it("counts results the run already had once, though the first try of their batch failed", async () => {
    const { runId, rows } = await runOn(3);
    const earlier = new ResultWriter(runId, { intervalMs: 60_000, leaseOwner: OWNER });
    earlier.add(record(rows[0]!, { output: "earlier" }));
    await earlier.close();

    const writer = new ResultWriter(runId, { intervalMs: 60_000, leaseOwner: OWNER, maxBatch: 10 });
    writer.add(record(rows[0]!, { output: "again" }));
    writer.add(record(rows[1]!, { scores: [score("dup"), score("dup")] }));
    writer.add(record(rows[2]!));
    await writer.close();

    expect(writer.skipped).toBe(1);
    const { results, run } = await stored(runId);
    expect(results.map((r) => [r.output, r.error === null])).toEqual([
      ["earlier", true],
      [null, false],
      [{ answer: rows[2]!.ordinal }, true],
    ]);
    expect(run).toEqual({ doneCount: 3, failedCount: 1 });
  });

  it("a lost lease is not split into rows: nothing is written and the writer fails with LeaseLostError", async () => {
    const { runId, rows } = await runOn(3, "someone-else/1");
    const writer = new ResultWriter(runId, { intervalMs: 60_000, leaseOwner: OWNER, maxBatch: 10 });
    writer.add(record(rows[0]!));
    writer.add(record(rows[1]!, { scores: [score("dup"), score("dup")] }));
    await expect(writer.close()).rejects.toBeInstanceOf(LeaseLostError);
    const { results, run } = await stored(runId);
    expect(results).toHaveLength(0);
    expect(run).toEqual({ doneCount: 0, failedCount: 0 });
  });

  it("stores an error message of any length and script: whole up to 2,000 bytes, longer ones cut at a character with their length, never a failed write", async () => {
    const { runId, rows } = await runOn(2);
    // Incompressible, multi-byte text: what a target's error page or a stack trace may hold.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const long = Array.from({ length: 12_000 }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 20_000))).join("");
    const whole = `HTTP 502: ${"é".repeat(MAX_ERROR_BYTES / 2 - 5)}`; // exactly 2,000 bytes
    const writer = new ResultWriter(runId, { intervalMs: 60_000, leaseOwner: OWNER, maxBatch: 10 });
    writer.add(record(rows[0]!, { output: null, error: `HTTP 500: ${long}` }));
    writer.add(record(rows[1]!, { output: null, error: whole }));
    await writer.close();
    const { results, run } = await stored(runId);
    const cut = results[0]!.error!;
    expect(cut).toMatch(/ … \(cut: the message has 12,010 characters\)$/);
    expect(`HTTP 500: ${long}`.startsWith(cut.slice(0, cut.indexOf(" … (cut")))).toBe(true);
    expect(Buffer.byteLength(cut, "utf8")).toBeLessThanOrEqual(MAX_ERROR_BYTES);
    expect(Buffer.byteLength(cut, "utf8")).toBeGreaterThan(MAX_ERROR_BYTES - 4);
    expect(results[1]!.error).toBe(whole);
    expect(run).toEqual({ doneCount: 2, failedCount: 2 });
  });
});
