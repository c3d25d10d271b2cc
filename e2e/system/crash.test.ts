import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { json, startHttpTarget } from "@/test/http-target";
import { ServerProcess } from "@/test/server-process";

/**
 * The proof that runs survive their process: a real production server is
 * killed with SIGKILL at random points mid-run and restarted, then stopped
 * with SIGTERM; every run must finish with exactly one result per item.
 */
const ITEMS = 300;
const TARGET_LATENCY_MS = 60;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: ServerProcess;
let target: Awaited<ReturnType<typeof startHttpTarget>>;

beforeAll(async () => {
  target = await startHttpTarget(async ({ body }, res) => {
    await sleep(TARGET_LATENCY_MS);
    json(res, 200, { output: (body as { input: unknown }).input });
  });
  server = new ServerProcess(3311, "crash");
  await server.start();
});

afterAll(async () => {
  await server?.stop("SIGKILL");
  await target?.close();
});

async function datasetWithItems(name: string) {
  const ds = await server.client.datasets.create.mutate({ name });
  await server.client.items.bulkAdd.mutate({ datasetId: ds.id, items: Array.from({ length: ITEMS }, (_, i) => ({ input: i, expectedOutput: i })) });
  return ds;
}

async function runState(runId: string) {
  return server.client.runs.get.query({ id: runId });
}

/** Ms from now until the run's done counter moves past `from`. */
async function timeUntilProgress(runId: string, from: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const run = await runState(runId);
    if (run.doneCount > from || run.status === "completed") return Date.now() - started;
    if (Date.now() - started > 30_000) throw new Error(`run ${runId} did not resume within 30 s`);
    await sleep(20);
  }
}

async function waitForStatus(runId: string, status: string) {
  for (let i = 0; i < 1500; i++) {
    const run = await runState(runId);
    if (run.status === status) return run;
    await sleep(40);
  }
  throw new Error(`run ${runId} never reached ${status}`);
}

async function assertEveryItemOnce(runId: string) {
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: server.dbFile }) });
  try {
    const [rows, distinct, run, errored] = await Promise.all([
      prisma.result.count({ where: { runId } }),
      prisma.result.groupBy({ by: ["datasetItemId", "repetition"], where: { runId } }),
      prisma.run.findUniqueOrThrow({ where: { id: runId } }),
      prisma.result.count({ where: { runId, error: { not: null } } }),
    ]);
    expect(run.status).toBe("completed");
    expect(rows).toBe(ITEMS);
    expect(distinct).toHaveLength(ITEMS);
    expect(run.doneCount).toBe(rows);
    expect(run.failedCount).toBe(errored);
    return run;
  } finally {
    await prisma.$disconnect();
  }
}

describe("crash safety of the production server", () => {
  it("survives SIGKILL at random points: the run finishes, every item has exactly one result", async () => {
    const ds = await datasetWithItems("crash-kill");
    const { runId } = await server.client.runs.trigger.mutate({
      datasetId: ds.id,
      target: { kind: "http", url: target.url, outputPath: "output" },
      scorers: [{ type: "exact-match" }],
      settings: { concurrency: 4 },
    });
    const figures: { killAfterMs: number; doneAtKill: number; readyMs: number; resumeMs: number }[] = [];
    // The kills land while the run executes: a freshly started engine worker takes a moment to pick up its first run.
    await waitForStatus(runId, "running");
    for (let kill = 0; kill < 3; kill++) {
      const killAfterMs = 300 + Math.round(Math.random() * 700);
      await sleep(killAfterMs);
      const before = await runState(runId);
      expect(before.status).toBe("running");
      await server.stop("SIGKILL");
      const readyMs = await server.start();
      const doneAfterRestart = (await runState(runId)).doneCount;
      const resumeMs = await timeUntilProgress(runId, doneAfterRestart);
      figures.push({ killAfterMs, doneAtKill: before.doneCount, readyMs, resumeMs });
      expect(resumeMs).toBeLessThan(5_000);
    }
    await waitForStatus(runId, "completed");
    await assertEveryItemOnce(runId);
    console.log(`SIGKILL: survived ${figures.length} kills; target saw ${target.requests()} calls for ${ITEMS} items`);
    for (const f of figures) {
      console.log(
        `  kill after ${f.killAfterMs} ms at ${f.doneAtKill}/${ITEMS} done; server ready in ${f.readyMs} ms; run resumed ${f.resumeMs} ms after ready`,
      );
    }
  });

  it("drains on SIGTERM and the next process resumes at once", async () => {
    const ds = await datasetWithItems("crash-term");
    const { runId } = await server.client.runs.trigger.mutate({
      datasetId: ds.id,
      target: { kind: "http", url: target.url, outputPath: "output" },
      settings: { concurrency: 4 },
    });
    await sleep(800);
    const stopStarted = Date.now();
    await server.stop("SIGTERM");
    const shutdownMs = Date.now() - stopStarted;

    const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: server.dbFile }) });
    const paused = await prisma.run.findUniqueOrThrow({ where: { id: runId } });
    await prisma.$disconnect();
    expect(paused).toMatchObject({ status: "running", leaseOwner: null });
    expect(paused.doneCount).toBeGreaterThan(0);

    const readyMs = await server.start();
    const resumeMs = await timeUntilProgress(runId, (await runState(runId)).doneCount);
    await waitForStatus(runId, "completed");
    await assertEveryItemOnce(runId);
    console.log(
      `SIGTERM: shutdown took ${shutdownMs} ms with ${paused.doneCount}/${ITEMS} done and the lease released; server ready in ${readyMs} ms; run resumed ${resumeMs} ms after ready`,
    );
    // "At once": without waiting out the 30 s lease. The same bound as after a SIGKILL; a restarted
    // engine worker starts at the lowest CPU priority, so on a slow or busy machine this takes seconds.
    expect(resumeMs).toBeLessThan(5_000);
  });

  it("refuses an oversized request body with 413 and a readable message", async () => {
    const ds = await server.client.datasets.create.mutate({ name: "too-big" });
    const big = "x".repeat(200 * 1024);
    const error = await server.client.items.bulkAdd.mutate({ datasetId: ds.id, items: Array.from({ length: 60 }, () => ({ input: big })) }).then(
      () => null,
      (e: unknown) => e as { message: string; data?: { httpStatus?: number; code?: string } },
    );
    expect(error?.data?.httpStatus).toBe(413);
    expect(error?.message).toMatch(/larger than 10 MiB/);
    expect((await server.client.datasets.get.query({ id: ds.id })).itemCount).toBe(0);
  });
});
