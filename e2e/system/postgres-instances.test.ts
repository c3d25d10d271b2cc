import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, startHttpTarget } from "@/test/http-target";
import { adminQuery, databaseUrl, startTestPostgres, type TestPostgres } from "@/test/postgres";
import { ServerProcess } from "@/test/server-process";

/**
 * Trialrun for a team on PostgreSQL: two web instances that execute nothing
 * (TRIALRUN_WORKERS=0) and two engine workers alone (`npm run worker`), all on
 * one database. A run triggered on one instance is executed by a worker and
 * watched live from the other; a cancel sent to the other instance stops the
 * worker's calls before it answers; every answered call is a stored result.
 */
const TARGET_LATENCY_MS = 20;
const ITEMS = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let postgres: TestPostgres;
const processes: ServerProcess[] = [];
let webA: ServerProcess;
let webB: ServerProcess;
let target: Awaited<ReturnType<typeof startHttpTarget>>;
const arrivals: number[] = [];
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  target = await startHttpTarget(async ({ body }, res: http.ServerResponse) => {
    arrivals.push(Date.now());
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => (inFlight -= 1));
    await sleep(TARGET_LATENCY_MS);
    if (!res.destroyed) json(res, 200, { output: (body as { input: unknown }).input });
  });
  postgres = await startTestPostgres("instances");
  await adminQuery(postgres.adminUrl, `CREATE DATABASE "instances"`);
  const env = { DATABASE_URL: databaseUrl(postgres.adminUrl, "instances"), TRIALRUN_SECRET_KEY: "7".repeat(64), TRIALRUN_WORKERS: "0" };
  webA = new ServerProcess(3321, "pg-web-a");
  webB = new ServerProcess(3322, "pg-web-b");
  processes.push(webA, webB, new ServerProcess(0, "pg-worker-1", "src/bin/worker.mjs"), new ServerProcess(0, "pg-worker-2", "src/bin/worker.mjs"));
  // The first start applies the migrations; then the others start together.
  await webA.start(env);
  await Promise.all(processes.slice(1).map((p) => p.start(env)));
});

afterAll(async () => {
  for (const p of processes) await p.stop("SIGTERM").catch(() => {});
  await target?.close();
  await postgres?.stop();
});

describe("two web instances and two workers on PostgreSQL", () => {
  it("run one run triggered on one instance, seen live on the other, and stop it from there before the cancel answers", async () => {
    const ds = await webA.client.datasets.create.mutate({ name: "team" });
    for (let start = 0; start < ITEMS; start += 1000) {
      await webA.client.items.bulkAdd.mutate({ datasetId: ds.id, items: Array.from({ length: 1000 }, (_, i) => ({ input: start + i, expectedOutput: start + i })) });
    }
    const triggered = Date.now();
    const { runId } = await webA.client.runs.trigger.mutate({
      datasetId: ds.id,
      target: { kind: "http", url: target.url, outputPath: "output" },
      scorers: [{ type: "exact-match" }],
      settings: { concurrency: 8, retries: 0 },
    });
    // Instance B sees the run progress (its cache follows the worker's changes).
    let seen = await webB.client.runs.get.query({ id: runId });
    const progress: number[] = [];
    while (seen.doneCount < 300) {
      await sleep(100);
      seen = await webB.client.runs.get.query({ id: runId });
      progress.push(seen.doneCount);
    }
    const firstCall = Math.min(...arrivals);
    expect(new Set(progress).size).toBeGreaterThan(2);

    const cancel = await webB.client.runs.cancel.mutate({ id: runId });
    const answeredAt = Date.now();
    expect(cancel.status).toBe("cancelled");
    await sleep(1000);
    const callsAfterCancel = arrivals.filter((t) => t > answeredAt).length;

    const run = await webA.client.runs.get.query({ id: runId });
    const results = await webA.client.runs.results.query({ runId, page: 1, pageSize: 1 });
    console.log(
      `first call ${firstCall - triggered} ms after the trigger; cancel answered with ${arrivals.length} calls made, ` +
        `${callsAfterCancel} after it; ${run.doneCount} stored; at most ${maxInFlight} calls in flight`,
    );
    expect(callsAfterCancel).toBe(0);
    expect(run.status).toBe("cancelled");
    expect(results.total).toBe(run.doneCount);
    expect(run.summary?.results.total).toBe(run.doneCount);
    expect(maxInFlight).toBeLessThanOrEqual(8);
  });
});
