import type { ScoreOutcome } from "@/features/scorers/server";
import { asText, type JsonValue } from "@/lib/json";
import { sleep } from "@/lib/sleep";
import { insertRows, insertRowsSkippingConflicts, sqlValue, type Columns } from "@/server/bulk-insert";
import { driverTransaction, sqlText } from "@/server/driver-sql";
import { runChanged } from "@/server/run-changes";
import type { RunStatus } from "../status";
import { LeaseLostError } from "./lease";

export interface ScoreRecord extends ScoreOutcome {
  id: string;
}

export interface ResultRecord {
  id: string;
  datasetItemId: string;
  itemId: string;
  ordinal: number;
  repetition: number;
  output: JsonValue | null;
  error: string | null;
  latencyMs: number | null;
  attempts: number;
  round: number;
  promptTokens: number | null;
  completionTokens: number | null;
  costUsd: number | null;
  scores: ScoreRecord[];
}

interface WriterOptions {
  intervalMs: number;
  /** The lease this writer's process must hold for its writes to count: the shard's it executes, or else the run's. */
  leaseOwner: string;
  shardId?: string;
  /** Results per transaction. */
  maxBatch?: number;
  /** Called after each flush with the run's status as the database has it. */
  onStatus?: (status: RunStatus) => void;
}

const WRITE_ATTEMPTS = 4;

// Column order of the rows written below (see prisma/schema.prisma).
export const RESULT_COLUMNS: Columns = {
  id: "text",
  runId: "text",
  datasetItemId: "text",
  itemId: "text",
  ordinal: "int",
  repetition: "int",
  output: "json?",
  error: "text",
  latencyMs: "int",
  attempts: "int",
  round: "int",
  promptTokens: "int",
  completionTokens: "int",
  costUsd: "float",
  searchText: "text",
  createdAt: "timestamp",
  updatedAt: "timestamp",
};
export const SCORE_COLUMNS: Columns = {
  id: "text",
  resultId: "text",
  runId: "text",
  name: "text",
  value: "float",
  passed: "bool",
  reason: "text",
  error: "text",
  skipped: "bool",
  promptTokens: "int",
  completionTokens: "int",
  costUsd: "float",
  createdAt: "timestamp",
  updatedAt: "timestamp",
};

// The statements of a write besides its rows, on the driver (src/server/driver-sql.ts).
const FENCE_SHARD = sqlText(`UPDATE "RunShard" SET "updatedAt" = ? WHERE "id" = ? AND "leaseOwner" = ?`);
const FENCE_RUN = sqlText(`UPDATE "Run" SET "updatedAt" = ? WHERE "id" = ? AND "leaseOwner" = ?`);
const COUNT_RESULTS = sqlText(
  `UPDATE "Run" SET "doneCount" = "doneCount" + ?, "failedCount" = "failedCount" + ?, "updatedAt" = ? WHERE "id" = ? RETURNING "status"`,
);

/**
 * Buffers finished results and writes them in batches: results, their scores
 * and the run's counters in one transaction, so counters always equal the
 * result rows. Flushes every `intervalMs` (progress stays visible to a poll
 * within about a second) or as soon as a batch is full.
 */
export class ResultWriter {
  private buffer: ResultRecord[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private failure: Error | null = null;
  private readonly maxBatch: number;
  /** Results not written because the run already had them. */
  skipped = 0;

  constructor(
    private readonly runId: string,
    private readonly options: WriterOptions,
  ) {
    this.maxBatch = options.maxBatch ?? 500;
  }

  add(record: ResultRecord): void {
    this.throwIfFailed();
    this.buffer.push(record);
    if (this.buffer.length >= this.maxBatch) this.scheduleFlush(0);
    else this.scheduleFlush(this.options.intervalMs);
  }

  /** Resolves when the buffer is small enough to take more; workers await it. */
  async backpressure(): Promise<void> {
    this.throwIfFailed();
    if (this.buffer.length >= this.maxBatch * 2) await this.flush();
  }

  /** Writes everything buffered, then stops. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
    this.throwIfFailed();
  }

  flush(): Promise<void> {
    this.chain = this.chain.then(() => this.writeBuffered());
    return this.chain;
  }

  private scheduleFlush(delayMs: number) {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      // Errors are kept in `failure` and surface on the next add/close.
      this.flush().catch(() => {});
    }, delayMs);
  }

  private throwIfFailed() {
    if (this.failure) throw this.failure;
  }

  private async writeBuffered(): Promise<void> {
    while (this.buffer.length > 0 && !this.failure) {
      const batch = this.buffer.splice(0, this.maxBatch);
      try {
        await this.writeBatch(batch);
      } catch (error) {
        this.failure =
          error instanceof LeaseLostError
            ? error
            : new Error(`Could not save ${batch.length} results: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        throw this.failure;
      }
    }
  }

  /**
   * The batch in one transaction, retried (the database may be briefly busy).
   * If it still fails for any reason but a lost lease, the batch is written
   * row by row, so one row the database refuses (a value it cannot take, a
   * constraint it breaks) costs only that row: it is stored as an errored
   * result (see writeRow) and the rest of the batch keeps its outputs. A failed
   * transaction wrote nothing, so no row is counted twice.
   */
  private async writeBatch(batch: ResultRecord[]): Promise<void> {
    try {
      await this.writeWithRetry(batch);
      return;
    } catch (error) {
      if (error instanceof LeaseLostError) throw error;
      // Find the row(s) at fault, each in its own transaction.
    }
    for (const record of batch) await this.writeRow(record);
  }

  /**
   * One result, once (the batch was retried already: a refusal that outlasted
   * those retries is the row's own, and retrying every row of a batch would
   * stall a run whose rows are all refused). When it fails, the result is
   * stored as errored — no output, no scores, the reason as its error — so the
   * run goes on and its counters stay equal to its rows. If even that cannot
   * be written, the database itself is failing: the error is thrown and the
   * run fails, as before.
   */
  private async writeRow(record: ResultRecord): Promise<void> {
    try {
      await this.write([record]);
    } catch (error) {
      if (error instanceof LeaseLostError) throw error;
      await this.writeWithRetry([{ ...record, output: null, scores: [], error: `The result could not be stored: ${storeFailureReason(error)}` }]);
    }
  }

  private async writeWithRetry(batch: ResultRecord[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.write(batch);
        return;
      } catch (error) {
        if (error instanceof LeaseLostError || attempt >= WRITE_ATTEMPTS) throw error;
        await sleep(100 * 2 ** attempt);
      }
    }
  }

  /**
   * One transaction, fenced by the lease: a process that lost the run's lease
   * writes nothing. Results that already exist are skipped by the unique
   * index, so each (run, item, repetition) has one result.
   */
  private async write(batch: ResultRecord[]): Promise<void> {
    const { status, skipped } = await driverTransaction(async (sql) => {
      const { leaseOwner, shardId } = this.options;
      const now = new Date();
      const fenced = shardId
        ? await sql.run(FENCE_SHARD, [sqlValue("timestamp", now), shardId, leaseOwner])
        : await sql.run(FENCE_RUN, [sqlValue("timestamp", now), this.runId, leaseOwner]);
      if (fenced === 0) throw new LeaseLostError(this.runId);

      // A result the run already has (written by an earlier owner of the run)
      // hits the (run, item, repetition) unique index and is skipped, with its scores.
      const inserted = new Set(
        await insertRowsSkippingConflicts(
          sql,
          "Result",
          RESULT_COLUMNS,
          batch.map((r) => [
            r.id,
            this.runId,
            r.datasetItemId,
            r.itemId,
            r.ordinal,
            r.repetition,
            r.output,
            storedErrorText(r.error),
            r.latencyMs,
            r.attempts,
            r.round,
            r.promptTokens,
            r.completionTokens,
            r.costUsd,
            `${asText(r.output).slice(0, 2000)}\n${storedErrorText(r.error) ?? ""}`.toLowerCase(),
            now,
            now,
          ]),
        ),
      );
      const fresh = batch.filter((r) => inserted.has(r.id));
      await insertRows(
        sql,
        "Score",
        SCORE_COLUMNS,
        fresh.flatMap((r) =>
          r.scores.map((s) => [
            s.id,
            r.id,
            this.runId,
            s.name,
            s.value,
            s.passed,
            s.reason,
            s.error,
            s.skipped,
            s.promptTokens,
            s.completionTokens,
            s.costUsd,
            now,
            now,
          ]),
        ),
      );
      const [run] = await sql.rows<{ status: RunStatus }>(COUNT_RESULTS, [
        fresh.length,
        fresh.filter((r) => r.error !== null).length,
        sqlValue("timestamp", now),
        this.runId,
      ]);
      if (!run) throw new Error(`Run ${this.runId} no longer exists.`);
      return { status: run.status, skipped: batch.length - fresh.length };
    });
    // Counted once committed: a transaction that failed (and is retried) skipped nothing.
    this.skipped += skipped;
    runChanged(this.runId, "progress");
    this.options.onStatus?.(status);
  }
}

/** The most of a result's error message that is stored, in UTF-8 bytes (see storedErrorText). */
export const MAX_ERROR_BYTES = 2_000;

/**
 * A result's error message as stored: whole up to MAX_ERROR_BYTES; a longer
 * one (a target's error page, a stack trace) is cut at a character boundary
 * and says so, with its full length. PostgreSQL indexes the error column, and
 * its index entries are limited to about 2,700 bytes: a longer message failed
 * the result's write. The same rule applies on SQLite, so a run reads the same
 * on both.
 */
export function storedErrorText(error: string | null): string | null {
  if (error === null || Buffer.byteLength(error, "utf8") <= MAX_ERROR_BYTES) return error;
  const note = ` … (cut: the message has ${Array.from(error).length.toLocaleString("en-US")} characters)`;
  const room = MAX_ERROR_BYTES - Buffer.byteLength(note, "utf8");
  let bytes = 0;
  let end = 0;
  for (const char of error) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > room) break;
    bytes += size;
    end += char.length;
  }
  return `${error.slice(0, end)}${note}`;
}

/**
 * Why a row could not be written, in one line: the database's own message
 * (e.g. "UNIQUE constraint failed: Score.resultId, Score.name") rather than
 * the client's multi-line invocation report around it.
 */
function storeFailureReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const databaseMessage = /Message: `([^`]+)`/.exec(text)?.[1];
  const line = (
    databaseMessage ??
    text
      .split("\n")
      .filter((part) => part.trim() !== "")
      .pop() ??
    "unknown error"
  ).trim();
  return line.length > 500 ? `${line.slice(0, 499)}…` : line;
}
