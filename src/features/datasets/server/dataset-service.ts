import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { containsIgnoringCase } from "@/server/dialect";
import { conflict, notFound } from "@/server/errors";
import type { DatasetDto } from "../schemas";
import { ACTIVE_STATUSES } from "@/features/runs";
import { allRunsChanged } from "@/server/run-changes";
import { assertCurrentItemsMatch, compileSchemaOrThrow, datasetValidators } from "./dataset-schemas";

type DatasetRow = {
  id: string;
  name: string;
  description: string;
  inputSchema: unknown;
  expectedSchema: unknown;
  version: number;
  itemCount: number;
  createdAt: Date;
  updatedAt: Date;
};

const datasetSelect = {
  id: true,
  name: true,
  description: true,
  inputSchema: true,
  expectedSchema: true,
  version: true,
  itemCount: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function toDatasetDto(row: DatasetRow): DatasetDto {
  return {
    ...row,
    inputSchema: (row.inputSchema ?? null) as Record<string, unknown> | null,
    expectedSchema: (row.expectedSchema ?? null) as Record<string, unknown> | null,
  };
}

async function assertNameFree(name: string, exceptId?: string) {
  const existing = await db.dataset.findUnique({ where: { name }, select: { id: true } });
  if (existing && existing.id !== exceptId) {
    throw conflict(`A dataset named "${name}" already exists.`, "name");
  }
}

export async function listDatasets(options: { search?: string } = {}): Promise<DatasetDto[]> {
  const rows = await db.dataset.findMany({
    where: options.search ? { name: containsIgnoringCase(options.search) } : undefined,
    orderBy: { createdAt: "desc" },
    select: datasetSelect,
    take: 500,
  });
  return rows.map(toDatasetDto);
}

export async function getDataset(id: string) {
  const row = await db.dataset.findUnique({ where: { id }, select: datasetSelect });
  if (!row) throw notFound("Dataset", id);
  const [runCount, lastRun] = await Promise.all([
    db.run.count({ where: { datasetId: id } }),
    db.run.findFirst({ where: { datasetId: id }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  return { ...toDatasetDto(row), runCount, lastRunAt: lastRun?.createdAt ?? null };
}

export async function createDataset(input: { name: string; description: string }): Promise<DatasetDto> {
  await assertNameFree(input.name);
  const row = await db.dataset.create({ data: input, select: datasetSelect });
  return toDatasetDto(row);
}

export async function updateDataset(input: {
  id: string;
  name?: string;
  description?: string;
  inputSchema?: Record<string, unknown> | null;
  expectedSchema?: Record<string, unknown> | null;
}): Promise<DatasetDto> {
  const existing = await db.dataset.findUnique({ where: { id: input.id }, select: { id: true } });
  if (!existing) throw notFound("Dataset", input.id);
  if (input.name !== undefined) await assertNameFree(input.name, input.id);
  if (input.inputSchema || input.expectedSchema) {
    const current = await datasetValidators(input.id);
    await assertCurrentItemsMatch(input.id, {
      input: input.inputSchema === undefined ? current.input : input.inputSchema && compileSchemaOrThrow(input.inputSchema, "inputSchema"),
      expectedOutput:
        input.expectedSchema === undefined ? current.expectedOutput : input.expectedSchema && compileSchemaOrThrow(input.expectedSchema, "expectedSchema"),
    });
  }
  const schemaJson = (schema: Record<string, unknown> | null | undefined) =>
    schema === undefined ? undefined : schema === null ? Prisma.DbNull : (schema as Prisma.InputJsonValue);
  const row = await db.dataset.update({
    where: { id: input.id },
    data: { name: input.name, description: input.description, inputSchema: schemaJson(input.inputSchema), expectedSchema: schemaJson(input.expectedSchema) },
    select: datasetSelect,
  });
  allRunsChanged(); // runs show the dataset's name
  return toDatasetDto(row);
}

/** Deletes a dataset with its items, runs and results. Refused while one of its runs is active. */
export async function deleteDataset(id: string): Promise<{ id: string }> {
  const existing = await db.dataset.findUnique({ where: { id }, select: { id: true } });
  if (!existing) throw notFound("Dataset", id);
  const active = await db.run.count({ where: { datasetId: id, status: { in: [...ACTIVE_STATUSES] } } });
  if (active > 0) {
    throw conflict(`This dataset has ${active} active run${active === 1 ? "" : "s"}. Cancel ${active === 1 ? "it" : "them"} first.`);
  }
  await db.dataset.delete({ where: { id } });
  allRunsChanged(); // its runs are gone
  return { id };
}
