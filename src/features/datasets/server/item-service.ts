import { newId } from "@/lib/id";
import type { Prisma } from "@/generated/prisma/client";
import type { JsonValue } from "@/lib/json";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { badRequest, notFound } from "@/server/errors";
import { insertRows, type Columns } from "@/server/bulk-insert";
import { nullableJson, requiredJson } from "@/server/prisma-json";
import type { ItemDto, ItemFields } from "../schemas";
import { assertItemsMatch, datasetValidators } from "./dataset-schemas";

/**
 * Items are immutable versions (see DatasetItem in prisma/schema.prisma).
 * Every change below bumps the dataset version once, in one transaction, so a
 * batch is one version and a run pinned to a version never sees it change.
 */

type Tx = Prisma.TransactionClient;

export function searchTextOf(fields: { input: unknown; expectedOutput?: unknown; metadata?: unknown }): string {
  return [fields.input, fields.expectedOutput, fields.metadata]
    .filter((v) => v !== undefined && v !== null)
    .map((v) => (typeof v === "string" ? v : JSON.stringify(v)))
    .join("\n")
    .toLowerCase();
}

/** Rows of `datasetId` visible at `version`. */
export function itemsAtVersion(datasetId: string, version: number): Prisma.DatasetItemWhereInput {
  return {
    datasetId,
    validFrom: { lte: version },
    OR: [{ validTo: null }, { validTo: { gt: version } }],
  };
}

export interface VersionChange {
  added?: number;
  edited?: number;
  deleted?: number;
  note?: string;
}

/**
 * Opens the next dataset version for one change (inside its transaction) and
 * records what changed. Added items get ordinals itemSeq-added+1 … itemSeq.
 */
export async function bumpVersion(tx: Tx, datasetId: string, change: VersionChange): Promise<{ version: number; itemSeq: number }> {
  const added = change.added ?? 0;
  const deleted = change.deleted ?? 0;
  const exists = await tx.dataset.findUnique({ where: { id: datasetId }, select: { id: true, itemCount: true } });
  if (!exists) throw notFound("Dataset", datasetId);
  if (exists.itemCount + added - deleted > env.TRIALRUN_MAX_DATASET_ITEMS) {
    throw badRequest(`A dataset may hold at most ${env.TRIALRUN_MAX_DATASET_ITEMS} items; this one has ${exists.itemCount}.`, "items");
  }
  const next = await tx.dataset.update({
    where: { id: datasetId },
    data: { version: { increment: 1 }, itemCount: { increment: added - deleted }, itemSeq: { increment: added } },
    select: { version: true, itemSeq: true },
  });
  await tx.datasetVersion.create({ data: { datasetId, version: next.version, added, edited: change.edited ?? 0, deleted, note: change.note ?? "" } });
  return next;
}

/** The columns of one version of an item that every reader of items selects (the engine's item feed, these services). */
export interface StoredItemRow {
  id: string;
  itemId: string;
  ordinal: number;
  input: unknown;
  expectedOutput: unknown;
  metadata: unknown;
}

type ItemRow = StoredItemRow & { validFrom: number; createdAt: Date };

export function toItemDto(row: ItemRow): ItemDto {
  return {
    itemId: row.itemId,
    versionId: row.id,
    ordinal: row.ordinal,
    input: row.input as JsonValue,
    expectedOutput: (row.expectedOutput ?? null) as JsonValue | null,
    metadata: (row.metadata ?? null) as JsonValue | null,
    version: row.validFrom,
    createdAt: row.createdAt,
  };
}

// The input may be JSON null (stored as JSON); a missing expected output or metadata is SQL NULL.
/** The columns an added item is written with, in order (imports add `importId` after them). */
export const ITEM_COLUMNS: Columns = {
  id: "text",
  datasetId: "text",
  itemId: "text",
  ordinal: "int",
  input: "json",
  expectedOutput: "json?",
  metadata: "json?",
  searchText: "text",
  validFrom: "int",
  createdAt: "timestamp",
  updatedAt: "timestamp",
};

export async function addItems(
  datasetId: string,
  items: ItemFields[],
  options: { note?: string; field?: (index: number) => string } = {},
): Promise<{ version: number; itemIds: string[] }> {
  const note = options.note ?? "";
  return db.$transaction(async (tx) => {
    assertItemsMatch(await datasetValidators(datasetId, tx), items, options.field ?? ((index) => `items.${index}`));
    const { version, itemSeq } = await bumpVersion(tx, datasetId, {
      added: items.length,
      note: note || (items.length === 1 ? "added an item" : `added ${items.length} items`),
    });
    const firstOrdinal = itemSeq - items.length + 1;
    // One multi-row INSERT, as imports write (src/server/bulk-insert.ts): Prisma's
    // createMany spent about 0.6 s of the server's thread per 1,000 items, so a
    // batch of bulk adds held every other request for seconds.
    const now = new Date();
    const itemIds: string[] = [];
    const rows = items.map((item, index) => {
      const itemId = newId();
      itemIds.push(itemId);
      return [newId(), datasetId, itemId, firstOrdinal + index, item.input, item.expectedOutput, item.metadata, searchTextOf(item), version, now, now];
    });
    await insertRows(tx, "DatasetItem", ITEM_COLUMNS, rows);
    return { version, itemIds };
  });
}

export async function updateItem(input: {
  itemId: string;
  input?: JsonValue;
  expectedOutput?: JsonValue | null;
  metadata?: Record<string, JsonValue> | null;
}): Promise<ItemDto> {
  return db.$transaction(async (tx) => {
    const current = await tx.datasetItem.findFirst({ where: { itemId: input.itemId, validTo: null } });
    if (!current) throw notFound("Item", input.itemId);
    const { version } = await bumpVersion(tx, current.datasetId, { edited: 1, note: "edited an item" });
    await tx.datasetItem.update({ where: { id: current.id }, data: { validTo: version } });
    const next = {
      input: input.input !== undefined ? input.input : (current.input as JsonValue),
      expectedOutput: input.expectedOutput !== undefined ? input.expectedOutput : (current.expectedOutput as JsonValue | null),
      metadata: input.metadata !== undefined ? input.metadata : (current.metadata as JsonValue | null),
    };
    assertItemsMatch(await datasetValidators(current.datasetId, tx), [next], () => "item");
    const row = await tx.datasetItem.create({
      data: {
        datasetId: current.datasetId,
        itemId: current.itemId,
        ordinal: current.ordinal,
        input: requiredJson(next.input),
        expectedOutput: nullableJson(next.expectedOutput),
        metadata: nullableJson(next.metadata),
        searchText: searchTextOf(next),
        validFrom: version,
      },
    });
    return toItemDto(row);
  });
}

export async function deleteItems(itemIds: string[]): Promise<{ deleted: number; version: number | null }> {
  const unique = [...new Set(itemIds)];
  return db.$transaction(async (tx) => {
    const rows = await tx.datasetItem.findMany({
      where: { itemId: { in: unique }, validTo: null },
      select: { id: true, datasetId: true, itemId: true },
    });
    const missing = unique.filter((id) => !rows.some((r) => r.itemId === id));
    if (missing.length > 0) throw notFound("Item", missing[0]!);
    const datasetIds = new Set(rows.map((r) => r.datasetId));
    if (datasetIds.size > 1) throw badRequest("All items of one delete must belong to the same dataset.", "itemIds");
    const datasetId = rows[0]!.datasetId;
    const { version } = await bumpVersion(tx, datasetId, {
      deleted: rows.length,
      note: rows.length === 1 ? "deleted an item" : `deleted ${rows.length} items`,
    });
    await tx.datasetItem.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { validTo: version } });
    return { deleted: rows.length, version };
  });
}

export async function listItems(input: { datasetId: string; page: number; pageSize: number; search?: string; version?: number }) {
  const dataset = await db.dataset.findUnique({ where: { id: input.datasetId }, select: { version: true } });
  if (!dataset) throw notFound("Dataset", input.datasetId);
  const version = input.version ?? dataset.version;
  if (version > dataset.version) {
    throw badRequest(`Version ${version} does not exist; the latest is ${dataset.version}.`, "version");
  }
  const where: Prisma.DatasetItemWhereInput = {
    ...itemsAtVersion(input.datasetId, version),
    ...(input.search ? { searchText: { contains: input.search.toLowerCase() } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.datasetItem.count({ where }),
    db.datasetItem.findMany({
      where,
      orderBy: { ordinal: "asc" },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
  ]);
  return { items: rows.map(toItemDto), total, page: input.page, pageSize: input.pageSize, version };
}

/** Every version of one item, oldest first: what it was, from which dataset version to which. */
export async function itemHistory(itemId: string) {
  const rows = await db.datasetItem.findMany({ where: { itemId, importId: null }, orderBy: { validFrom: "asc" } });
  if (rows.length === 0) throw notFound("Item", itemId);
  return rows.map((row) => ({ ...toItemDto(row), validTo: row.validTo }));
}

export async function listVersions(datasetId: string) {
  const dataset = await db.dataset.findUnique({ where: { id: datasetId }, select: { id: true } });
  if (!dataset) throw notFound("Dataset", datasetId);
  return db.datasetVersion.findMany({
    where: { datasetId },
    orderBy: { version: "desc" },
    select: { version: true, added: true, edited: true, deleted: true, note: true, createdAt: true },
    take: 1000,
  });
}
