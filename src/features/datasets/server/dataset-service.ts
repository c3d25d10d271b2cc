import { db } from "@/server/db";
import { conflict, notFound } from "@/server/errors";
import type { DatasetDto } from "../schemas";

type DatasetRow = {
  id: string;
  name: string;
  description: string;
  version: number;
  itemCount: number;
  createdAt: Date;
  updatedAt: Date;
};

const datasetSelect = {
  id: true,
  name: true,
  description: true,
  version: true,
  itemCount: true,
  createdAt: true,
  updatedAt: true,
} as const;

function toDto(row: DatasetRow): DatasetDto {
  return { ...row };
}

async function assertNameFree(name: string, exceptId?: string) {
  const existing = await db.dataset.findUnique({ where: { name }, select: { id: true } });
  if (existing && existing.id !== exceptId) {
    throw conflict(`A dataset named "${name}" already exists.`, "name");
  }
}

export async function listDatasets(options: { search?: string } = {}): Promise<DatasetDto[]> {
  const rows = await db.dataset.findMany({
    where: options.search ? { name: { contains: options.search } } : undefined,
    orderBy: { createdAt: "desc" },
    select: datasetSelect,
    take: 500,
  });
  return rows.map(toDto);
}

export async function getDataset(id: string) {
  const row = await db.dataset.findUnique({ where: { id }, select: datasetSelect });
  if (!row) throw notFound("Dataset", id);
  const [runCount, lastRun] = await Promise.all([
    db.run.count({ where: { datasetId: id } }),
    db.run.findFirst({ where: { datasetId: id }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  return { ...toDto(row), runCount, lastRunAt: lastRun?.createdAt ?? null };
}

export async function createDataset(input: { name: string; description: string }): Promise<DatasetDto> {
  await assertNameFree(input.name);
  const row = await db.dataset.create({ data: input, select: datasetSelect });
  return toDto(row);
}

export async function updateDataset(input: { id: string; name?: string; description?: string }): Promise<DatasetDto> {
  const existing = await db.dataset.findUnique({ where: { id: input.id }, select: { id: true } });
  if (!existing) throw notFound("Dataset", input.id);
  if (input.name !== undefined) await assertNameFree(input.name, input.id);
  const row = await db.dataset.update({
    where: { id: input.id },
    data: { name: input.name, description: input.description },
    select: datasetSelect,
  });
  return toDto(row);
}

/** Deletes a dataset with its items, runs and results. Refused while one of its runs is active. */
export async function deleteDataset(id: string): Promise<{ id: string }> {
  const existing = await db.dataset.findUnique({ where: { id }, select: { id: true } });
  if (!existing) throw notFound("Dataset", id);
  const active = await db.run.count({ where: { datasetId: id, status: { in: ["pending", "running"] } } });
  if (active > 0) {
    throw conflict(`This dataset has ${active} active run${active === 1 ? "" : "s"}. Cancel ${active === 1 ? "it" : "them"} first.`);
  }
  await db.dataset.delete({ where: { id } });
  return { id };
}
