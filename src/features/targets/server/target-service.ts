import type { Prisma } from "@/generated/prisma/client";
import { jsonValueProblem, type JsonValue } from "@/lib/json";
import { db } from "@/server/db";
import { badRequest, conflict, notFound } from "@/server/errors";
import { callWithRetries } from "../call-with-retries";
import { createTarget } from "../registry";
import { maskTargetConfig, targetConfigSchema, type TargetConfig, type TargetDto } from "../schemas";
import { allRunsChanged } from "@/server/run-changes";
import { keepMaskedSecrets, openTargetSecrets, sealTargetSecrets } from "./target-secrets";

type TargetRow = Prisma.TargetGetPayload<{ include: { _count: { select: { runs: true } } } }>;

function storedConfig(row: { config: unknown }): TargetConfig {
  return targetConfigSchema.parse(row.config);
}

function toDto(row: TargetRow): TargetDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    config: maskTargetConfig(storedConfig(row)),
    runCount: row._count.runs,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const include = { _count: { select: { runs: true } } } as const;

async function assertNameFree(name: string, exceptId?: string) {
  const existing = await db.target.findUnique({ where: { name }, select: { id: true } });
  if (existing && existing.id !== exceptId) throw conflict(`A target named "${name}" already exists.`, "name");
}

function withKeptSecrets(next: TargetConfig, stored: TargetConfig | null): TargetConfig {
  try {
    return keepMaskedSecrets(next, stored);
  } catch (error) {
    throw badRequest(`config.${error instanceof Error ? error.message : String(error)}`, "config");
  }
}

export async function listTargets(): Promise<TargetDto[]> {
  const rows = await db.target.findMany({ orderBy: { createdAt: "desc" }, include, take: 500 });
  return rows.map(toDto);
}

export async function getTarget(id: string): Promise<TargetDto> {
  const row = await db.target.findUnique({ where: { id }, include });
  if (!row) throw notFound("Target", id);
  return toDto(row);
}

export async function createSavedTarget(input: { name: string; description: string; config: TargetConfig }): Promise<TargetDto> {
  await assertNameFree(input.name);
  const config = withKeptSecrets(input.config, null);
  const row = await db.target.create({
    data: { name: input.name, description: input.description, kind: config.kind, config: sealTargetSecrets(config) as Prisma.InputJsonValue },
    include,
  });
  return toDto(row);
}

export async function updateTarget(input: { id: string; name?: string; description?: string; config?: TargetConfig }): Promise<TargetDto> {
  const existing = await db.target.findUnique({ where: { id: input.id } });
  if (!existing) throw notFound("Target", input.id);
  if (input.name !== undefined) await assertNameFree(input.name, input.id);
  const config = input.config ? sealTargetSecrets(withKeptSecrets(input.config, storedConfig(existing))) : undefined;
  const row = await db.target.update({
    where: { id: input.id },
    data: {
      name: input.name,
      description: input.description,
      ...(config ? { kind: config.kind, config: config as Prisma.InputJsonValue } : {}),
    },
    include,
  });
  allRunsChanged(); // runs show the target's name
  return toDto(row);
}

/** Deletes a saved target; runs keep their own snapshot of its config. */
export async function deleteTarget(id: string): Promise<{ id: string }> {
  const existing = await db.target.findUnique({ where: { id }, select: { id: true } });
  if (!existing) throw notFound("Target", id);
  await db.target.delete({ where: { id } });
  allRunsChanged(); // runs that used it lose its id
  return { id };
}

/** The sealed config a run snapshots, for a saved target. */
export async function savedTargetConfig(id: string): Promise<TargetConfig> {
  const row = await db.target.findUnique({ where: { id }, select: { config: true } });
  if (!row) throw notFound("Target", id);
  return storedConfig(row);
}

/**
 * Sends one sample (or one dataset item) to a target and reports the output,
 * latency and any error — before a whole run is spent on it. No retries: the
 * point is to see what the target does.
 */
export async function tryTarget(input: {
  targetId?: string;
  config?: TargetConfig;
  datasetItemId?: string;
  input?: JsonValue;
  expectedOutput?: JsonValue | null;
  metadata?: JsonValue | null;
  timeoutMs: number;
}) {
  const stored = input.targetId ? await savedTargetConfig(input.targetId) : null;
  const config = input.config ? withKeptSecrets(input.config, stored) : stored!;

  let sample = { input: input.input ?? null, expectedOutput: input.expectedOutput ?? null, metadata: input.metadata ?? null, itemId: "try" };
  if (input.datasetItemId) {
    const item = await db.datasetItem.findFirst({
      where: { OR: [{ id: input.datasetItemId }, { itemId: input.datasetItemId, validTo: null }] },
      orderBy: { validFrom: "desc" },
    });
    if (!item) throw notFound("Item", input.datasetItemId);
    sample = {
      input: item.input as JsonValue,
      expectedOutput: (item.expectedOutput ?? null) as JsonValue | null,
      metadata: (item.metadata ?? null) as JsonValue | null,
      itemId: item.itemId,
    };
  }

  const target = createTarget(openTargetSecrets(config));
  const controller = new AbortController();
  const outcome = await callWithRetries(
    (signal) => target.call({ ...sample, runId: "try", repetition: 0 }, signal),
    { retries: 0, timeoutMs: target.timeoutMs ?? input.timeoutMs },
    controller.signal,
  );
  if (!outcome.ok) {
    const error = "error" in outcome ? outcome.error.message : "The call was aborted.";
    return { ok: false, output: null, error, latencyMs: "latencyMs" in outcome ? outcome.latencyMs : 0, usage: null, costUsd: null, input: sample.input };
  }
  // What a run would refuse to store (nesting deeper than 64 levels) cannot be
  // sent back either: the answer's output is checked like any JSON value.
  // Said as the try's error, with the call's latency and usage, not a 500.
  const problem = jsonValueProblem(outcome.value.output);
  const spent = { latencyMs: outcome.latencyMs, usage: outcome.value.usage ?? null, costUsd: outcome.value.costUsd ?? null, input: sample.input };
  if (problem !== null) {
    return { ok: false, output: null, error: `The target's output cannot be shown: it ${problem}. A run would fail this item for the same reason.`, ...spent };
  }
  return { ok: true, output: outcome.value.output, error: null, ...spent };
}
