import type http from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, startHttpTarget } from "@/test/http-target";
import { adminQuery, databaseUrl, startTestPostgres, type TestPostgres } from "@/test/postgres";
import { ServerProcess } from "@/test/server-process";

/**
 * Trialrun for a team on PostgreSQL, on one database: web instance A executes
 * nothing (TRIALRUN_WORKERS=0), web instance B runs with its engine worker
 * (`npm start`), and workers W1 and W2 run alone (`npm run worker`) — three
 * workers in all. Each plays its own host (TRIALRUN_INSTANCE_ID), so a killed
 * process's work is taken over only when its leases expire, as across machines.
 *  1. A run triggered on one instance is executed by the workers and watched
 *     live from the other; a cancel sent to the other instance stops every
 *     worker's calls before it answers; every answered call is a stored result.
 *  2. A 5,000-item run loses a worker and then a whole web+worker instance to
 *     SIGKILL mid-run, and still completes with one result per item.
 */
const TARGET_LATENCY_MS = 20;
const ITEMS = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let postgres: TestPostgres;
const processes: ServerProcess[] = [];
let webA: ServerProcess;
let webB: ServerProcess;
let workerOne: ServerProcess;
let workerTwo: ServerProcess;
let databaseUrlOf = "";
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
  databaseUrlOf = databaseUrl(postgres.adminUrl, "instances");
  const env = {
    DATABASE_URL: databaseUrlOf,
    TRIALRUN_SECRET_KEY: "7".repeat(64),
    TRIALRUN_LOG_LEVEL: process.env.SHOW_LOGS ? "debug" : "info",
    // 50 shards for the 5,000-item run rather than 13: each worker holds leases all along, so a kill
    // mid-run always finds its victim holding one, whichever worker the job queue favoured.
    TRIALRUN_SHARD_SIZE: "100",
  };
  webA = new ServerProcess(3321, "pg-web-a");
  webB = new ServerProcess(3322, "pg-web-b");
  workerOne = new ServerProcess(0, "pg-worker-1", "src/bin/worker.mjs");
  workerTwo = new ServerProcess(0, "pg-worker-2", "src/bin/worker.mjs");
  processes.push(webA, webB, workerOne, workerTwo);
  // The first start applies the migrations; then the others start together.
  await webA.start({ ...env, TRIALRUN_WORKERS: "0", TRIALRUN_INSTANCE_ID: "host-a" });
  await Promise.all([
    webB.start({ ...env, TRIALRUN_INSTANCE_ID: "host-b" }),
    // One shard at a time on each standalone worker, so web B's worker (at the lowest CPU priority, it loses
    // every race for an offer on a busy machine) always executes some: each kill finds its victim holding a lease.
    workerOne.start({ ...env, TRIALRUN_INSTANCE_ID: "host-w1", TRIALRUN_WORKER_SLOTS: "1" }),
    workerTwo.start({ ...env, TRIALRUN_INSTANCE_ID: "host-w2", TRIALRUN_WORKER_SLOTS: "1" }),
  ]);
});

afterAll(async () => {
  if (process.env.SHOW_LOGS)
    for (const p of processes)
      console.log(
        p.log
          .split("\n")
          .filter((l) => /run started|shard|ready|resum/.test(l))
          .join("\n"),
      );
  for (const p of processes) await p.stop("SIGTERM").catch(() => {});
  await target?.close();
  await postgres?.stop();
});

describe("two web instances and three workers on PostgreSQL", () => {
  it("run one run triggered on one instance, seen live on the other, and stop it from there before the cancel answers", async () => {
    const ds = await webA.client.datasets.create.mutate({ name: "team" });
    for (let start = 0; start < ITEMS; start += 1000) {
      await webA.client.items.bulkAdd.mutate({
        datasetId: ds.id,
        items: Array.from({ length: 1000 }, (_, i) => ({ input: start + i, expectedOutput: start + i })),
      });
    }
    const triggered = Date.now();
    if (process.env.SHOW_LOGS) console.log("triggered at", new Date(triggered).toISOString());
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

  it("completes a 5,000-item run with one result per item while a worker, then a web+worker instance, are killed", async () => {
    const items = 5000;
    const concurrency = 16;
    const ds = await webA.client.datasets.create.mutate({ name: "team-kills" });
    for (let start = 0; start < items; start += 1000) {
      await webA.client.items.bulkAdd.mutate({
        datasetId: ds.id,
        items: Array.from({ length: 1000 }, (_, i) => ({ input: start + i, expectedOutput: start + i })),
      });
    }
    const calls = arrivals.length;
    maxInFlight = inFlight;
    const { runId } = await webA.client.runs.trigger.mutate({
      datasetId: ds.id,
      target: { kind: "http", url: target.url, outputPath: "output" },
      scorers: [{ type: "exact-match" }],
      settings: { concurrency, retries: 0 },
    });
    const database = new pg.Client({ connectionString: databaseUrlOf });
    await database.connect();
    try {
      /** Leases (the run's and its shards') still held by a host's processes. */
      const leasesOf = async (host: string) => {
        const { rows } = await database.query<{ n: string }>(
          `SELECT (SELECT count(*) FROM "RunShard" WHERE "runId" = $1 AND NOT "done" AND "leaseOwner" LIKE $2)
                + (SELECT count(*) FROM "Run" WHERE "id" = $1 AND "leaseOwner" LIKE $2) AS n`,
          [runId, `${host}/%`],
        );
        return Number(rows[0]!.n);
      };
      const doneCount = async () => (await webA.client.runs.get.query({ id: runId })).doneCount;
      /**
       * Kills a process once the run has `atDone` results and the process
       * holds a lease (a victim with nothing to take over would test
       * nothing); resolves once it is dead, with the time of the kill.
       */
      const killWhileHolding = async (victims: { process: ServerProcess; host: string }[], atDone: number) => {
        let victim: { process: ServerProcess; host: string; held: number } | undefined;
        while (!victim) {
          const done = await doneCount();
          if (done >= items) throw new Error(`The run ended before ${victims.map((v) => v.host).join(" or ")} held a lease after ${atDone} results.`);
          if (done >= atDone) {
            for (const candidate of victims) {
              const held = await leasesOf(candidate.host);
              if (held > 0) victim = { ...candidate, held };
            }
          }
          if (!victim) await sleep(20);
        }
        const killedAt = Date.now();
        await victim.process.stop("SIGKILL");
        return { host: victim.host, held: victim.held, killedAt };
      };
      /** How long after the kill until none of the victim's leases remains: each taken over by another process or its shard done. */
      const takeover = async (kill: { host: string; held: number; killedAt: number }) => {
        while ((await leasesOf(kill.host)) > 0) await sleep(100);
        return { host: kill.host, held: kill.held, takeoverMs: Date.now() - kill.killedAt };
      };
      // The second kill does not wait for the first takeover (20 s, by when the rest of the run would be done):
      // both happen while the run still has most of its items ahead.
      const firstKill = await killWhileHolding(
        [
          { process: workerOne, host: "host-w1" },
          { process: workerTwo, host: "host-w2" },
        ],
        800,
      );
      const firstTakeover = takeover(firstKill);
      const secondKill = await killWhileHolding([{ process: webB, host: "host-b" }], 2500);
      const [first, second] = await Promise.all([firstTakeover, takeover(secondKill)]);
      let run = await webA.client.runs.get.query({ id: runId });
      const deadline = Date.now() + 120_000;
      while (run.status === "running" || run.status === "pending") {
        if (Date.now() > deadline)
          throw new Error(`The run is still ${run.status} 2 minutes after the second kill, with ${run.doneCount} of ${items} results.`);
        await sleep(200);
        run = await webA.client.runs.get.query({ id: runId });
      }
      const { rows } = await database.query<{ rows: string; distinct: string }>(
        `SELECT count(*) AS rows, count(DISTINCT ("datasetItemId", "repetition")) AS distinct FROM "Result" WHERE "runId" = $1`,
        [runId],
      );
      console.log(
        `5,000 items, concurrency ${concurrency}: worker ${first.host} killed holding ${first.held} leases, taken over in ${first.takeoverMs} ms; ` +
          `a web+worker instance killed holding ${second.held}, taken over in ${second.takeoverMs} ms; ` +
          `${arrivals.length - calls} target calls for ${items} items; at most ${maxInFlight} in flight; ${rows[0]!.rows} result rows`,
      );
      expect(run.status).toBe("completed");
      expect(Number(rows[0]!.rows)).toBe(items);
      expect(Number(rows[0]!.distinct)).toBe(items);
      expect(run.doneCount).toBe(items);
      expect(run.summary?.results.total).toBe(items);
      expect(maxInFlight).toBeLessThanOrEqual(concurrency);
      expect(first.takeoverMs).toBeLessThan(30_000);
      expect(second.takeoverMs).toBeLessThan(30_000);
    } finally {
      await database.end();
    }
  });
});
