import type { Readable } from "node:stream";
import { newId } from "@/lib/id";
import { jsonValueProblem } from "@/lib/json";
import { yieldToEventLoop } from "@/lib/yield";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { notFound } from "@/server/errors";
import { logger } from "@/server/logger";
import { insertRows, type Columns } from "@/server/bulk-insert";
import { DATASET_LIMITS } from "../schemas";
import { datasetValidators, schemaViolations } from "../server/dataset-schemas";
import { bumpVersion, ITEM_COLUMNS, searchTextOf } from "../server/item-service";
import { FileProblem, type DetectedEncoding, type EncodingChoice } from "@/lib/csv/decode";
import type { DelimiterChoice } from "@/lib/csv/tokenizer";
import { applyMapping, defaultMapping, emptyInputMessage, type ImportFormat, type ImportMapping, type MappedItem } from "./mapping";
import { parseRows } from "./parse-rows";
import { ImportFileReader, rowLabel, type DetectedDelimiter, type ReadRow } from "./read-file";

export { ImportTooLarge } from "./parse-rows";

/**
 * Imports a file as ONE new dataset version, all or nothing, without holding
 * the file in memory: rows are validated and staged in batches as they
 * stream in (staged rows have validFrom = STAGED_VERSION, so no version can see
 * them), then one short transaction publishes them. Any error: the staged
 * rows are deleted and the row-level errors returned.
 *
 * Bounded on every side, so no file can hold the server: the body stops at
 * `maxBytes` (ImportTooLarge), a record at the reader's line limit, the read
 * at the first error past MAX_ERRORS and at the dataset's item limit; and
 * the loop gives the event loop a turn every few milliseconds, so other
 * requests are answered while a large file is read.
 */
export const STAGED_VERSION = 2_147_483_647;
const BATCH = 500;
// Staged rows: an added item's columns, then the import they belong to.
const STAGED_COLUMNS: Columns = { ...ITEM_COLUMNS, importId: "text" };
const MAX_ERRORS = 20;

/** A row that cannot be imported, named as the user sees it in the file. */
export interface ImportRowError {
  /** The line the row starts on (CSV: the header is line 1); null for an item of a JSON array. */
  line: number | null;
  /** The row's position among the file's rows (items), 1-based. */
  item: number;
  /** The same as item: the field scripts written against the earlier answer read. */
  row: number;
  message: string;
}

/** A problem with the file as a whole: its encoding, header, delimiter or structure. */
export interface ImportFileError {
  message: string;
  line?: number;
  column?: number;
}

/** How the file was read, so a script (and the dialog) can see what was detected. */
export interface ImportSettings {
  encoding: DetectedEncoding;
  delimiter?: DetectedDelimiter;
}

/** Where the import stopped reading, once more errors than it lists were known. */
export interface ImportStop {
  line: number | null;
  item: number;
  /** "…and more; the import stopped at line N" (or "at item N" in a JSON array). */
  message: string;
}

export type ImportOutcome =
  | { ok: true; imported: number; version: number; settings: ImportSettings }
  | {
      ok: false;
      errors: ImportRowError[];
      fileError?: ImportFileError;
      rowsRead: number;
      moreErrors: boolean;
      /** Set when the file was not read to its end because more errors were known than are listed. */
      stoppedAt?: ImportStop;
      settings: ImportSettings;
    };

const FIELD_LABELS = { input: "input", expectedOutput: "expected output", metadata: "metadata" } as const;

/** Why a mapped item cannot be stored as JSON (nested deeper than stored values may be), naming its field. */
function fieldProblem(item: { input: unknown; expectedOutput: unknown; metadata: unknown }): string | undefined {
  for (const field of ["input", "expectedOutput", "metadata"] as const) {
    const value = item[field];
    if (value === undefined || value === null || typeof value !== "object") continue;
    const problem = jsonValueProblem(value);
    if (problem) return `${FIELD_LABELS[field]} ${problem}`;
  }
  return undefined;
}

export async function importItems(input: {
  datasetId: string;
  body: Readable;
  format: ImportFormat;
  mapping?: ImportMapping;
  encoding?: EncodingChoice;
  /** CSV only; detected from the header when not given. */
  delimiter?: DelimiterChoice;
  note?: string;
  onProgress?: (rowsRead: number) => void;
  /** Most bytes the body may have; TRIALRUN_MAX_IMPORT_BYTES by default. Past it, ImportTooLarge is thrown. */
  maxBytes?: number;
}): Promise<ImportOutcome> {
  const dataset = await db.dataset.findUnique({ where: { id: input.datasetId }, select: { id: true, itemCount: true } });
  if (!dataset) throw notFound("Dataset", input.datasetId);
  // Checked while reading, so a file far over the limit is not read (and staged) to its end first;
  // publishing checks again (bumpVersion), as items may be added meanwhile.
  const maxItems = env.TRIALRUN_MAX_DATASET_ITEMS;
  const room = maxItems - dataset.itemCount;

  const validators = await datasetValidators(input.datasetId);
  const importId = newId();
  const errors: ImportRowError[] = [];
  let moreErrors = false;
  let stoppedAt: ImportStop | undefined;
  let rowsRead = 0;
  let staged = 0;
  /** Rows that would become items (staged, or valid after the first error). */
  let accepted = 0;
  let batch: unknown[][] = [];
  // One timestamp for the rows of this import.
  const now = new Date();
  const fail = (row: { line: number | null; index: number }, message: string) => {
    if (errors.length < MAX_ERRORS) {
      errors.push({ line: row.line, item: row.index, row: row.index, message });
      return;
    }
    // One error more than is listed: the answer is known (refused), so the rest of the file is not read.
    moreErrors = true;
    stoppedAt = { line: row.line, item: row.index, message: `…and more; the import stopped at ${rowLabel(row)}.` };
  };
  const reader = new ImportFileReader(input.format, { encoding: input.encoding, delimiter: input.delimiter });
  const settings = (): ImportSettings => ({ encoding: reader.encoding, ...(reader.delimiter ? { delimiter: reader.delimiter } : {}) });
  let mapping = input.mapping;
  let checkedColumns = false;
  const flush = async () => {
    await insertRows(db, "DatasetItem", STAGED_COLUMNS, batch);
    batch = [];
  };

  /** A row as the item it becomes, or why it cannot. */
  const itemOf = (row: ReadRow): { item: MappedItem } | { problem: string } => {
    if (row.problem) return { problem: row.problem };
    const { value } = row;
    mapping ??= defaultMapping(reader.columns ?? Object.keys(value));
    const item = applyMapping(value, mapping, input.format);
    if (item.problem) return { problem: item.problem };
    if (item.input === undefined || item.input === "" || item.input === null) return { problem: emptyInputMessage(value, mapping, input.format) };
    // Before anything walks the item recursively (JSON.stringify below): a deep value would overflow the stack.
    const nesting = fieldProblem(item);
    if (nesting) return { problem: nesting };
    if (JSON.stringify(item).length > DATASET_LIMITS.itemMaxBytes) return { problem: `the item is larger than ${DATASET_LIMITS.itemMaxBytes / 1024} KiB` };
    const violations = schemaViolations(validators, { input: item.input, expectedOutput: item.expectedOutput });
    if (violations.length > 0) return { problem: violations.join("; ") };
    return { item };
  };

  try {
    for await (const row of parseRows(input.body, input.format, {}, reader, input.maxBytes ?? env.TRIALRUN_MAX_IMPORT_BYTES)) {
      // Reading, mapping and validating rows is all synchronous work: without a turn now and then, a
      // large file would hold every other request (the dashboard's polls, /api/health) until it ends.
      await yieldToEventLoop();
      rowsRead += 1;
      if (rowsRead % 5000 === 0) input.onProgress?.(rowsRead);
      if (!checkedColumns && reader.columns) {
        checkedColumns = true;
        if (mapping) {
          const missing = Object.keys(mapping.columns).filter((column) => !reader.columns!.includes(column));
          if (missing.length > 0) {
            throw new FileProblem(
              `The mapping names ${missing.length === 1 ? "a column" : "columns"} the file does not have: ${missing.map((c) => `“${c}”`).join(", ")} (the header has ${reader.columns.map((c) => `“${c}”`).join(", ")}).`,
              1,
            );
          }
        }
      }
      const checked = itemOf(row);
      if ("problem" in checked) {
        fail(row, checked.problem);
        if (stoppedAt) break;
        continue;
      }
      const { item } = checked;
      accepted += 1;
      if (accepted > room) {
        throw new FileProblem(
          `A dataset may hold at most ${maxItems.toLocaleString("en-US")} items (TRIALRUN_MAX_DATASET_ITEMS) and this one has ${dataset.itemCount.toLocaleString("en-US")}: the file has more rows than fit, so the import stopped at ${rowLabel(row)}.`,
          row.line ?? undefined,
        );
      }
      if (errors.length > 0) continue; // keep reading for more errors, stage nothing more
      staged += 1;
      batch.push([
        newId(),
        input.datasetId,
        newId(),
        staged,
        item.input,
        item.expectedOutput,
        item.metadata,
        searchTextOf(item),
        STAGED_VERSION,
        now,
        now,
        importId,
      ]);
      if (batch.length >= BATCH) await flush();
    }
    if (rowsRead === 0) throw new FileProblem(input.format === "csv" ? "The file has a header but no rows." : "The file has no items.");
    if (errors.length > 0) {
      await discard(importId);
      return { ok: false, errors, rowsRead, moreErrors, ...(stoppedAt ? { stoppedAt } : {}), settings: settings() };
    }
    await flush();
    const version = await db.$transaction(async (tx) => {
      const next = await bumpVersion(tx, input.datasetId, { added: staged, note: input.note ?? `imported ${staged} items` });
      // One statement: Prisma's updateMany spent seconds of this thread on 100k rows; SQLite itself takes about 0.4 s.
      const offset = next.itemSeq - staged;
      await tx.$executeRaw`UPDATE "DatasetItem" SET "validFrom" = ${next.version}, "importId" = NULL, "ordinal" = "ordinal" + ${offset}, "updatedAt" = ${new Date()} WHERE "importId" = ${importId}`;
      return next.version;
    });
    return { ok: true, imported: staged, version, settings: settings() };
  } catch (error) {
    await discard(importId);
    if (error instanceof FileProblem) {
      const fileError: ImportFileError = {
        message: error.message,
        ...(error.line !== undefined ? { line: error.line } : {}),
        ...(error.column !== undefined ? { column: error.column } : {}),
      };
      return { ok: false, errors, fileError, rowsRead, moreErrors, settings: settings() };
    }
    throw error;
  }
}

async function discard(importId: string) {
  await db.datasetItem.deleteMany({ where: { importId } });
}

/** Removes rows staged by imports that never finished (the process died mid-import). */
export async function cleanupAbandonedImports(olderThanMs = 60 * 60_000): Promise<number> {
  const { count } = await db.datasetItem.deleteMany({ where: { importId: { not: null }, createdAt: { lt: new Date(Date.now() - olderThanMs) } } });
  if (count > 0) logger.info("removed rows of abandoned imports", { rows: count });
  return count;
}
