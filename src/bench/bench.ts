/**
 * `npm run bench [-- --quick]`: starts the production server on a fresh SQLite
 * database, drives it only through the typed client (and a headless browser
 * for the dashboard figure), and prints a table of figures — each the median
 * of its repetitions — with machine info; the same figures go to
 * bench-results/<time>.json. Not part of `npm test`; --quick runs small sizes
 * as a smoke check and asserts nothing about speed. `--db postgres` runs the
 * same figures on PostgreSQL (TEST_DATABASE_URL, or an embedded server).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { request } from "undici";
import type { TrialrunClient } from "@/client";
import { isTerminal } from "@/features/runs";
import { chromiumLaunchOptions } from "@/test/chromium";
import { json, startHttpTarget } from "@/test/http-target";
import { adminQuery, databaseUrl, startTestPostgres, type TestPostgres } from "@/test/postgres";
import { ServerProcess } from "@/test/server-process";
import { childPids, cpuSeconds, rawWriteCeiling, serverTreeCpuSeconds } from "./engine-cost";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    port: { type: "string", default: "3390" },
    // A comma-separated subset, to work on one figure: trigger,small,throughput,workers,ceiling,latency,load (load includes the dashboard figure).
    only: { type: "string", default: "trigger,small,throughput,workers,ceiling,latency,load" },
    // The database: sqlite (a fresh file, the default) or postgres (TEST_DATABASE_URL, or a throwaway embedded server).
    db: { type: "string", default: "sqlite" },
  },
});
if (args.db !== "sqlite" && args.db !== "postgres") {
  console.error(`--db: expected sqlite or postgres, got "${args.db}"`);
  process.exit(2);
}
const only = new Set(args.only.split(",").map((s) => s.trim()));
for (const part of only) {
  if (!["trigger", "small", "throughput", "workers", "ceiling", "latency", "load"].includes(part)) {
    console.error(`--only: unknown part "${part}"; expected a comma-separated list of trigger, small, throughput, workers, ceiling, latency, load`);
    process.exit(2);
  }
}
const quick = args.quick;
const SIZES = quick
  ? { trigger: [10, 1000], throughput: [1000, 5000], latencyItems: 200, scalingSlowItems: 1600, loadRun: 5000, pollers: 10, triggers: 20, reps: 1 }
  : {
      trigger: [10, 10_000, 100_000],
      throughput: [10_000, 100_000],
      latencyItems: 2000,
      scalingSlowItems: 8000,
      loadRun: 100_000,
      pollers: 50,
      // A p99 by nearest rank over 50 triggers is their maximum; over 200 it is the third slowest.
      triggers: 200,
      reps: 3,
    };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
}
const median = (xs: number[]) => percentile(xs, 0.5);

let server: ServerProcess;
let client: TrialrunClient;
/** On PostgreSQL the web server executes nothing and these workers (`npm run worker`) do. */
const workers: ServerProcess[] = [];
let databaseEnv: Record<string, string> = {};
/** The PostgreSQL server the bench started (--db postgres without TEST_DATABASE_URL). */
let postgresServer: TestPostgres | null = null;

/** The processes that execute runs: the web server's engine worker (SQLite), or the standalone workers. */
function enginePids(): number[] {
  if (args.db === "postgres") return workers.map((w) => w.pid).filter((pid): pid is number => pid !== undefined);
  return server.pid ? childPids(server.pid) : [];
}

async function addWorker(): Promise<void> {
  const worker = new ServerProcess(0, `bench-worker-${workers.length + 1}`, "src/bin/worker.mjs");
  // At info level: the worker says when it is ready.
  await worker.start({ TRIALRUN_LOG_LEVEL: "info", ...databaseEnv });
  // On this one machine the workers share the cores with the web server, as the worker `npm start` runs
  // does; like that one, they run at the lowest CPU priority, so the dashboard and the API come first.
  if (worker.pid) os.setPriority(worker.pid, 19);
  workers.push(worker);
}

/** A dataset of `size` echo items, imported as one JSONL file (fast at 100k). */
async function dataset(size: number) {
  const ds = await client.datasets.create.mutate({ name: `bench-${size}-${Date.now()}` });
  const lines: string[] = [];
  for (let i = 0; i < size; i++) lines.push(JSON.stringify({ input: `item ${i}`, expectedOutput: `item ${i}` }));
  const res = await fetch(`${server.url}/api/datasets/${ds.id}/import?format=jsonl`, { method: "POST", body: lines.join("\n") });
  const body = (await res.json()) as { ok: boolean; imported?: number };
  if (!body.ok || body.imported !== size) throw new Error(`import of ${size} items failed: ${JSON.stringify(body).slice(0, 300)}`);
  return ds;
}

/** Polls until the run ends; a short interval keeps the end time precise. */
async function waitForEnd(runId: string, intervalMs = 25) {
  for (;;) {
    const run = await client.runs.get.query({ id: runId });
    if (isTerminal(run.status)) return run;
    await sleep(intervalMs);
  }
}

/**
 * Resident memory of the server and its engine worker, from /proc (Linux):
 * the worker is a child of the server process.
 */
function serverRssMb(): number | null {
  const pid = server.pid;
  if (!pid || !fs.existsSync(`/proc/${pid}`)) return null;
  const rssOf = (p: number) => {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  };
  let total = rssOf(pid);
  const children = fs.existsSync(`/proc/${pid}/task/${pid}/children`) ? fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim() : "";
  for (const child of children.split(/\s+/).filter(Boolean)) total += rssOf(Number(child));
  return round(total);
}

/**
 * A process's main thread (the web server's, the bench's own): ms on a CPU
 * and ms runnable but waiting for one, from /proc/<pid>/schedstat (Linux;
 * null elsewhere). Over the load run it tells a slow answer's cause apart:
 * the thread's own work, or a CPU it did not get (the engine worker, the
 * database and the bench share the cores).
 */
function threadSchedule(pid: number | undefined): { runMs: number; waitMs: number } | null {
  const file = `/proc/${pid}/task/${pid}/schedstat`;
  if (!pid || !fs.existsSync(file)) return null;
  const [run, wait] = fs.readFileSync(file, "utf8").trim().split(/\s+/).map(Number);
  return run === undefined || wait === undefined ? null : { runMs: run / 1e6, waitMs: wait / 1e6 };
}

function scheduleBetween(before: ReturnType<typeof threadSchedule>, after: ReturnType<typeof threadSchedule>) {
  return before && after ? { onCpuMs: round(after.runMs - before.runMs, 0), waitingForCpuMs: round(after.waitMs - before.waitMs, 0) } : null;
}

/** Samples the RSS every 100 ms until stopped; resolves the idle figure (taken now) and the peak. */
function rssSampler() {
  const idle = serverRssMb() ?? 0;
  let peak = idle;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, serverRssMb() ?? 0);
      await sleep(100);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { idleRssMb: idle, peakRssMb: peak, deltaMb: round(peak - idle) };
  };
}

async function metrics(reset = false) {
  const res = await fetch(`${server.url}/api/metrics${reset ? "?reset=1" : ""}`);
  return (await res.json()) as {
    rssMb: number;
    eventLoopDelayMs: { max: number; p99: number } | null;
    answerMs: Record<string, { count: number; p50: number; p99: number } | undefined>;
  };
}

/** Triggers not counted before each size's figures: the first triggers after start pay for loading and compiling the route's code. */
const WARM_UP_TRIGGERS = 2;

async function triggerLatency(size: number) {
  const ds = await dataset(size);
  const times: number[] = [];
  for (let i = 0; i < WARM_UP_TRIGGERS + SIZES.triggers; i++) {
    const started = performance.now();
    const { runId } = await client.runs.trigger.mutate({ datasetId: ds.id, target: { kind: "demo", latencyMs: 60_000 } });
    if (i >= WARM_UP_TRIGGERS) times.push(performance.now() - started);
    await client.runs.cancel.mutate({ id: runId });
    await sleep(20);
  }
  return { items: size, triggers: times.length, p50Ms: round(percentile(times, 0.5)), p99Ms: round(percentile(times, 0.99)) };
}

/** CPU seconds of the PostgreSQL server the bench started; null on SQLite (it runs inside the worker) or a server given by URL. */
function databaseCpuSeconds(): number | null {
  const pid = postgresServer?.postmasterPid();
  return pid ? serverTreeCpuSeconds(pid) : null;
}

async function echoRun(datasetId: string, size: number) {
  const cpuBefore = enginePids().reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const databaseCpuBefore = databaseCpuSeconds();
  const started = performance.now();
  const { runId } = await client.runs.trigger.mutate({
    datasetId,
    target: { kind: "echo" },
    scorers: [{ type: "exact-match" }, { type: "levenshtein" }],
    settings: { concurrency: 16 },
  });
  const run = await waitForEnd(runId);
  if (run.status !== "completed" || run.doneCount !== size) throw new Error(`echo run ended ${run.status} with ${run.doneCount}/${size}`);
  const cpu = enginePids().reduce((sum, pid) => sum + cpuSeconds(pid), 0) - cpuBefore;
  const databaseCpuAfter = databaseCpuSeconds();
  const databaseCpu = databaseCpuBefore === null || databaseCpuAfter === null ? null : databaseCpuAfter - databaseCpuBefore;
  return {
    runId,
    itemsPerSecond: size / ((performance.now() - started) / 1000),
    cpuMsPerItem: (cpu * 1000) / size,
    databaseCpuMsPerItem: databaseCpu === null ? null : (databaseCpu * 1000) / size,
  };
}

/** Runs of a small dataset, one after another. */
const SMALL_RUN = { items: 10, runs: 30 };

/**
 * A small run's time from trigger to completed, as a caller waiting for it
 * sees it (polled every 5 ms): what the engine's fixed costs (start, shards,
 * job offers, the end) add to every run, and all a CI gate on a small
 * dataset waits for.
 */
async function smallRuns() {
  const ds = await dataset(SMALL_RUN.items);
  const times: number[] = [];
  // The first runs after start pay for loading and compiling the engine's code: not counted.
  for (let i = 0; i < SMALL_RUN.runs + 2; i++) {
    const started = performance.now();
    const { runId } = await client.runs.trigger.mutate({
      datasetId: ds.id,
      target: { kind: "echo" },
      scorers: [{ type: "exact-match" }],
      settings: { concurrency: 4 },
    });
    const run = await waitForEnd(runId, 5);
    if (run.status !== "completed") throw new Error(`small run ended ${run.status}`);
    if (i >= 2) times.push(performance.now() - started);
  }
  return { items: SMALL_RUN.items, runs: times.length, p50Ms: round(percentile(times, 0.5), 0), p99Ms: round(percentile(times, 0.99), 0) };
}

async function throughput(size: number) {
  const ds = await dataset(size);
  await sleep(1000);
  // Memory (figure 5) is read over the same runs: idle before the first, peak over all.
  const stopSampling = rssSampler();
  const rates: number[] = [];
  const cpu: number[] = [];
  const databaseCpu: number[] = [];
  for (let i = 0; i < SIZES.reps; i++) {
    const run = await echoRun(ds.id, size);
    rates.push(run.itemsPerSecond);
    cpu.push(run.cpuMsPerItem);
    if (run.databaseCpuMsPerItem !== null) databaseCpu.push(run.databaseCpuMsPerItem);
  }
  const memory = await stopSampling();
  return {
    items: size,
    repetitions: rates.length,
    itemsPerSecond: round(median(rates), 0),
    runs: rates.map((r) => round(r, 0)),
    cpuMsPerItem: round(median(cpu), 3),
    /** The PostgreSQL server's CPU per item (its processes; SQLite's work is inside the engine's figure). */
    databaseCpuMsPerItem: databaseCpu.length > 0 ? round(median(databaseCpu), 3) : null,
    memory,
    datasetId: ds.id,
  };
}

/**
 * One engine worker, then two (PostgreSQL: workers share a run's shards): the
 * throughput of a 10k echo run, bound by this machine's cores, and of a run
 * against a target answering in 100 ms at concurrency 64, bound by the
 * workers' slots — one worker's 8 slots hold 32 of the 64 calls, two hold all.
 */
async function workerScaling() {
  const size = SIZES.throughput[0]!;
  const ds = await dataset(size);
  const slow = await startHttpTarget(async ({ body }, res) => {
    await sleep(100);
    json(res, 200, { output: (body as { input: unknown }).input });
  });
  try {
    const slowItems = SIZES.scalingSlowItems;
    const slowDs = await dataset(slowItems);
    const slowRun = async () => {
      const started = performance.now();
      const { runId } = await client.runs.trigger.mutate({
        datasetId: slowDs.id,
        target: { kind: "http", url: slow.url, outputPath: "output" },
        settings: { concurrency: 64 },
      });
      const run = await waitForEnd(runId, 50);
      if (run.status !== "completed") throw new Error(`slot-bound run ended ${run.status}`);
      return slowItems / ((performance.now() - started) / 1000);
    };
    const measure = async () => {
      const echo: number[] = [];
      const bound: number[] = [];
      for (let i = 0; i < SIZES.reps; i++) echo.push((await echoRun(ds.id, size)).itemsPerSecond);
      for (let i = 0; i < SIZES.reps; i++) bound.push(await slowRun());
      return { echo: round(median(echo), 0), slotBound: round(median(bound), 0) };
    };
    const one = await measure();
    await addWorker();
    const two = await measure();
    return {
      items: size,
      oneWorker: one.echo,
      twoWorkers: two.echo,
      ratio: round(two.echo / one.echo, 2),
      slotBound: { items: slowItems, oneWorker: one.slotBound, twoWorkers: two.slotBound, ratio: round(two.slotBound / one.slotBound, 2) },
    };
  } finally {
    await slow.close();
  }
}

/** The raw write ceiling (engine-cost.ts), median of the repetitions, beside the engine's own rate on the same rows. */
async function writeCeiling(engineRate: number | null) {
  const size = SIZES.throughput[0]!;
  const ds = await dataset(size);
  const url = databaseEnv.DATABASE_URL ?? `file:${server.dbFile}`;
  const rates: number[] = [];
  for (let i = 0; i < SIZES.reps; i++) rates.push(await rawWriteCeiling(url, ds.id, size));
  const ceiling = round(median(rates), 0);
  return { items: size, rowsPerSecond: ceiling, engineItemsPerSecond: engineRate, engineShare: engineRate === null ? null : round(engineRate / ceiling, 2) };
}

/** Seconds for `concurrency` loops of undici requests to make `items` calls, each awaiting its reply. */
async function bareClientWall(url: string, items: number, concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items) {
        next += 1;
        const reply = await request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ input: `item ${next}` }) });
        await reply.body.json();
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

async function latencyBound() {
  const target = await startHttpTarget(async ({ body }, res) => {
    await sleep(100);
    json(res, 200, { output: (body as { input: unknown }).input });
  });
  try {
    const items = SIZES.latencyItems;
    const concurrency = 50;
    const ds = await dataset(items);
    const floor = (items * 0.1) / concurrency;
    const walls: number[] = [];
    for (let i = 0; i < SIZES.reps; i++) {
      const started = performance.now();
      const { runId } = await client.runs.trigger.mutate({
        datasetId: ds.id,
        target: { kind: "http", url: target.url, outputPath: "output" },
        settings: { concurrency },
      });
      // A finer poll: its interval is measurement error on a 4 s figure.
      const run = await waitForEnd(runId, 10);
      if (run.status !== "completed") throw new Error(`latency-bound run ended ${run.status}`);
      walls.push((performance.now() - started) / 1000);
    }
    const wall = median(walls);
    // Reference: the same calls from a bare HTTP client (no engine, no
    // database) — what this target and this machine's loopback allow.
    const bareWalls: number[] = [];
    for (let i = 0; i < SIZES.reps; i++) bareWalls.push(await bareClientWall(target.url, items, concurrency));
    const bare = median(bareWalls);
    return {
      items,
      concurrency,
      targetLatencyMs: 100,
      floorS: floor,
      wallS: round(wall, 2),
      ratio: round(wall / floor, 3),
      bareClient: { wallS: round(bare, 2), ratio: round(bare / floor, 3) },
    };
  } finally {
    await target.close();
  }
}

const POLL_INTERVAL_MS = 2000;

/** One big run: pollers hammer runs.get and the first results page while it writes; RSS and loop delay sampled. */
async function underLoad() {
  const size = SIZES.loadRun;
  const ds = await dataset(size);
  await sleep(1000);
  await metrics(true);
  const stopSampling = rssSampler();
  const scheduleBefore = { web: threadSchedule(server.pid), bench: threadSchedule(process.pid) };
  // The bench's own event loop: a poll's answer that waits here is counted in the bench-timed figures.
  const benchLoop = monitorEventLoopDelay({ resolution: 5 });
  benchLoop.enable();
  const started = performance.now();
  const { runId } = await client.runs.trigger.mutate({
    datasetId: ds.id,
    target: { kind: "echo" },
    scorers: [{ type: "exact-match" }, { type: "levenshtein" }],
    settings: { concurrency: 16 },
  });
  let running = true;
  const getTimes: number[] = [];
  const pageTimes: number[] = [];
  const histogramTimes: number[] = [];
  // Each poller behaves like an open run page: runs.get, the first results
  // page and the histograms every 2 s (the dashboard's refetch interval). Pages opened
  // independently poll at independent phases: each starts at a random point of
  // the interval.
  const poller = async () => {
    await sleep(Math.random() * POLL_INTERVAL_MS);
    while (running) {
      let t = performance.now();
      await client.runs.get.query({ id: runId });
      getTimes.push(performance.now() - t);
      t = performance.now();
      await client.runs.results.query({ runId, page: 1, pageSize: 50 });
      pageTimes.push(performance.now() - t);
      t = performance.now();
      await client.runs.distributions.query({ runId });
      histogramTimes.push(performance.now() - t);
      await sleep(POLL_INTERVAL_MS);
    }
  };
  const pollers = Array.from({ length: SIZES.pollers }, poller);
  // The load is the pollers; the bench's own wait polls gently beside them.
  const run = await waitForEnd(runId, 250);
  const seconds = (performance.now() - started) / 1000;
  running = false;
  const scheduleAfter = { web: threadSchedule(server.pid), bench: threadSchedule(process.pid) };
  benchLoop.disable();
  await Promise.all(pollers);
  const memory = await stopSampling();
  const { eventLoopDelayMs: loop, answerMs } = await metrics();
  // The same answers timed in the server, from a request's arrival to its answer's hand-off to the socket:
  // without the time the bench's own process (50 pollers, on the same cores) takes to send and read them.
  const inServer = (procedure: string) => ({ p50Ms: answerMs[procedure]?.p50 ?? null, p99Ms: answerMs[procedure]?.p99 ?? null });
  return {
    runId,
    items: size,
    status: run.status,
    itemsPerSecond: round(size / seconds, 0),
    pollers: SIZES.pollers,
    polls: getTimes.length,
    runsGet: { p50Ms: round(percentile(getTimes, 0.5)), p99Ms: round(percentile(getTimes, 0.99)) },
    resultsPage: { p50Ms: round(percentile(pageTimes, 0.5)), p99Ms: round(percentile(pageTimes, 0.99)) },
    histograms: { p50Ms: round(percentile(histogramTimes, 0.5)), p99Ms: round(percentile(histogramTimes, 0.99)) },
    inServer: { runsGet: inServer("runs.get"), resultsPage: inServer("runs.results"), histograms: inServer("runs.distributions") },
    memory,
    eventLoopMaxDelayMs: loop?.max ?? null,
    webThread: scheduleBetween(scheduleBefore.web, scheduleAfter.web),
    benchThread: scheduleBetween(scheduleBefore.bench, scheduleAfter.bench),
    benchEventLoopP99Ms: round(benchLoop.percentile(99) / 1e6),
  };
}

/** Time for the run page of a big run to show its first results in headless Chromium. */
async function dashboard(runId: string) {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/runs/${runId}`);
    await page.locator('[data-testid="result-row"]').first().waitFor({ timeout: 30_000 });
    const times: number[] = [];
    for (let i = 0; i < SIZES.reps + 2; i++) {
      const started = performance.now();
      await page.goto(`${server.url}/runs/${runId}`);
      await page.locator('[data-testid="result-row"]').first().waitFor({ timeout: 30_000 });
      times.push(performance.now() - started);
    }
    return { results: SIZES.loadRun, loads: times.length, firstResultsMs: round(median(times), 0) };
  } finally {
    await browser.close();
  }
}

/** The server's database settings: none for SQLite (a fresh file); a fresh database for PostgreSQL. */
async function database(): Promise<{ env: Record<string, string>; postgres: TestPostgres | null }> {
  if (args.db === "sqlite") return { env: {}, postgres: null };
  const postgres = await startTestPostgres("bench");
  const name = `bench_${Date.now()}`;
  await adminQuery(postgres.adminUrl, `CREATE DATABASE "${name}"`);
  return { env: { DATABASE_URL: databaseUrl(postgres.adminUrl, name), TRIALRUN_SECRET_KEY: "5".repeat(64) }, postgres };
}

async function main() {
  server = new ServerProcess(Number(args.port), "bench");
  const { env: dbEnv, postgres } = await database();
  databaseEnv = dbEnv;
  postgresServer = postgres;
  const onPostgres = args.db === "postgres";
  console.log(
    `Starting the production server on port ${args.port} on ${onPostgres ? "PostgreSQL, with one engine worker beside it" : "SQLite"}${quick ? " (quick mode)" : ""}…`,
  );
  await server.start({ TRIALRUN_LOG_LEVEL: "warn", ...dbEnv, ...(onPostgres ? { TRIALRUN_WORKERS: "0" } : {}) });
  if (onPostgres) await addWorker();
  client = server.client;
  try {
    const triggers = [];
    if (only.has("trigger")) for (const size of SIZES.trigger) triggers.push(await triggerLatency(size));
    const small = only.has("small") ? await smallRuns() : null;
    const rates = [];
    if (only.has("throughput")) for (const size of SIZES.throughput) rates.push(await throughput(size));
    const ceiling = only.has("ceiling") ? await writeCeiling(rates[0]?.itemsPerSecond ?? null) : null;
    // Last of the engine figures: it leaves a second worker running.
    const scaling = only.has("workers") && onPostgres ? await workerScaling() : null;
    const bound = only.has("latency") ? await latencyBound() : null;
    const load = only.has("load") ? await underLoad() : null;
    const ui = load ? await dashboard(load.runId) : null;

    const results = {
      date: new Date().toISOString(),
      database: args.db,
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memoryGb: round(os.totalmem() / 1024 ** 3),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      quick,
      triggerLatency: triggers,
      smallRuns: small,
      engineThroughput: rates,
      writeCeiling: ceiling,
      workerScaling: scaling,
      latencyBound: bound,
      underLoad: load,
      dashboard: ui,
    };

    console.log(
      `\nMachine: ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memoryGb} GB, Node ${results.machine.node}; database: ${args.db}`,
    );
    if (triggers.length > 0) {
      console.log("\n1. Trigger latency (runs.trigger, typed client)");
      console.table(triggers.map((t) => ({ items: t.items, triggers: t.triggers, "p50 ms": t.p50Ms, "p99 ms": t.p99Ms })));
    }
    if (small) {
      console.log(`2a. A ${small.items}-item run (echo, exact-match, concurrency 4), trigger → completed, ${small.runs} runs: p50 / p99 ms`);
      console.table([{ items: small.items, runs: small.runs, "p50 ms": small.p50Ms, "p99 ms": small.p99Ms }]);
    }
    if (rates.length > 0) {
      console.log("2. Engine throughput (echo, exact-match + levenshtein, concurrency 16, trigger → completed) and 5. memory");
      console.table(
        rates.map((r) => ({
          items: r.items,
          "median items/s": r.itemsPerSecond,
          runs: r.runs.join(", "),
          "engine CPU ms/item": r.cpuMsPerItem,
          ...(r.databaseCpuMsPerItem === null ? {} : { "database CPU ms/item": r.databaseCpuMsPerItem }),
          "RSS idle → peak (Δ) MB": `${r.memory.idleRssMb} → ${r.memory.peakRssMb} (Δ ${r.memory.deltaMb})`,
        })),
      );
    }
    if (ceiling) {
      console.log("2b. Raw write ceiling (a result and two scores per item, 500 per transaction, no engine) beside the engine's 10k rate");
      console.table([
        { items: ceiling.items, "rows/s": ceiling.rowsPerSecond, "engine items/s": ceiling.engineItemsPerSecond, "engine / ceiling": ceiling.engineShare },
      ]);
    }
    if (scaling) {
      console.log(`2c. Engine workers (PostgreSQL; this machine has ${os.cpus().length} cores for the database, the server, the workers and the bench)`);
      console.table([
        {
          run: "echo (CPU-bound)",
          items: scaling.items,
          "1 worker items/s": scaling.oneWorker,
          "2 workers items/s": scaling.twoWorkers,
          "2 / 1": scaling.ratio,
        },
        {
          run: "100 ms target, concurrency 64 (slot-bound)",
          items: scaling.slotBound.items,
          "1 worker items/s": scaling.slotBound.oneWorker,
          "2 workers items/s": scaling.slotBound.twoWorkers,
          "2 / 1": scaling.slotBound.ratio,
        },
      ]);
    }
    if (bound) {
      console.log("3. Latency-bound efficiency (local HTTP target answering in 100 ms)");
      console.table([
        {
          run: "Trialrun run",
          items: bound.items,
          concurrency: bound.concurrency,
          "floor s": bound.floorS,
          "wall s": bound.wallS,
          "wall / floor": bound.ratio,
        },
        {
          run: "bare HTTP client (reference)",
          items: bound.items,
          concurrency: bound.concurrency,
          "floor s": bound.floorS,
          "wall s": bound.bareClient.wallS,
          "wall / floor": bound.bareClient.ratio,
        },
      ]);
    }
    if (load && ui) {
      console.log(`4-7. During one ${load.items}-item run (${load.itemsPerSecond} items/s) with ${load.pollers} concurrent pollers`);
      console.table([
        { figure: "4. runs.get p50 / p99 ms", value: `${load.runsGet.p50Ms} / ${load.runsGet.p99Ms}` },
        { figure: "4. results page p50 / p99 ms", value: `${load.resultsPage.p50Ms} / ${load.resultsPage.p99Ms}` },
        { figure: "4. histograms p50 / p99 ms", value: `${load.histograms.p50Ms} / ${load.histograms.p99Ms}` },
        { figure: "4. in the server: runs.get p50 / p99 ms", value: `${load.inServer.runsGet.p50Ms} / ${load.inServer.runsGet.p99Ms}` },
        { figure: "4. in the server: results page p50 / p99 ms", value: `${load.inServer.resultsPage.p50Ms} / ${load.inServer.resultsPage.p99Ms}` },
        { figure: "4. in the server: histograms p50 / p99 ms", value: `${load.inServer.histograms.p50Ms} / ${load.inServer.histograms.p99Ms}` },
        {
          figure: "5. RSS (server + engine worker) idle → peak (Δ) MB",
          value: `${load.memory.idleRssMb} → ${load.memory.peakRssMb} (Δ ${load.memory.deltaMb})`,
        },
        { figure: "6. run page first results (Chromium) ms", value: ui.firstResultsMs },
        { figure: "7. longest event-loop stall (web server) ms", value: load.eventLoopMaxDelayMs },
        { figure: "7. web server main thread: on a CPU / runnable, waiting for one ms", value: scheduleText(load.webThread) },
        { figure: `7. bench (its ${load.pollers} pollers) main thread: on a CPU / waiting for one ms`, value: scheduleText(load.benchThread) },
        { figure: "7. bench event-loop delay p99 ms (counted in the bench-timed figures)", value: load.benchEventLoopP99Ms },
      ]);
    }
    const out = path.resolve("bench-results", `bench-${Date.now()}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(results, null, 2));
    console.log(`Figures written to ${path.relative(process.cwd(), out)}`);
  } finally {
    for (const worker of workers) await worker.stop("SIGTERM");
    await server.stop("SIGTERM");
    await postgres?.stop();
  }
}

function scheduleText(schedule: { onCpuMs: number; waitingForCpuMs: number } | null): string {
  return schedule ? `${schedule.onCpuMs} / ${schedule.waitingForCpuMs}` : "n/a (no /proc)";
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
