import { afterEach } from "vitest";
import { isTerminal } from "@/features/runs";
import { api, waitFor } from "./caller";

/**
 * Registers cleanup for servers a test starts: call once at the top of a
 * test file; wrap each server with the returned function.
 */
export function closeAfterEach(): <T extends { close: () => Promise<void> }>(server: T) => T {
  const open: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((close) => close()));
  });
  return (server) => {
    open.push(server.close);
    return server;
  };
}

export interface ItemInput {
  input: unknown;
  expectedOutput?: unknown;
  metadata?: Record<string, unknown>;
}

/** A new dataset holding `items` (one version). */
export async function datasetWith(items: ItemInput[], name = `ds-${Math.random().toString(36).slice(2)}`) {
  const caller = api();
  const ds = await caller.datasets.create({ name });
  await caller.items.bulkAdd({ datasetId: ds.id, items: items as never });
  return ds;
}

/** Polls a run like the dashboard does until it is completed, failed or cancelled. */
export function waitForRunEnd(runId: string, timeoutMs = 20_000) {
  return waitFor(async () => {
    const run = await api().runs.get({ id: runId });
    return isTerminal(run.status) ? run : null;
  }, timeoutMs);
}
