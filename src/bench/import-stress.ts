/**
 * `npx tsx src/bench/import-stress.ts [--port 3391]`: how well the production
 * server keeps answering while it is sent the requests that used to stall it.
 * It starts the server on a fresh database (the same helper as the bench),
 * then, one after the other:
 *
 *   a. a tRPC batch of TRIALRUN_MAX_BATCH_SIZE items.bulkAdd calls (1000 items each),
 *   b. a CSV import of about 50 MB whose every row is invalid,
 *   c. a CSV import with one line of 1,000,000 columns,
 *
 * while /api/health is polled every 20 ms; for each it prints the answer's
 * status and time and the health latency (median, p99, max). A measurement,
 * not a test: nothing is asserted. Every request goes to 127.0.0.1, and every
 * loop is bounded.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { ServerProcess } from "@/test/server-process";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "3391" },
    "batch-size": { type: "string", default: "10" },
  },
});
const BATCH_SIZE = Number(args["batch-size"]);
if (!Number.isInteger(BATCH_SIZE) || BATCH_SIZE < 10 || BATCH_SIZE > 1000) {
  console.error("--batch-size: expected a whole number from 10 to 1000 (the server's TRIALRUN_MAX_BATCH_SIZE)");
  process.exit(2);
}
const ITEMS_PER_CALL = 1000;
const HEALTH_INTERVAL_MS = 20;
/** Upper bound on health polls per scenario (about 5 minutes at 20 ms), so the poll loop always ends. */
const MAX_HEALTH_POLLS = 15_000;
/** Upper bound on one scenario's request. */
const REQUEST_TIMEOUT_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number) => Math.round(n * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * The health poller, in its own thread: in this one, building and sending a
 * 50 MB body delayed the poller's own timers and showed as server latency.
 * Plain JavaScript (a worker thread is not transpiled); posts its latencies when told to stop.
 */
const POLLER = `
const { parentPort, workerData } = require("node:worker_threads");
const { url, intervalMs, maxPolls } = workerData;
const latencies = [];
let failures = 0;
let running = true;
parentPort.on("message", () => (running = false));
(async () => {
  for (let i = 0; running && i < maxPolls; i++) {
    const started = performance.now();
    try {
      const res = await fetch(url + "/api/health", { signal: AbortSignal.timeout(60000) });
      await res.arrayBuffer();
      if (!res.ok) failures += 1;
    } catch {
      failures += 1;
    }
    const took = performance.now() - started;
    latencies.push(took);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - took)));
  }
  parentPort.postMessage({ latencies, failures });
})();
`;

/** Polls /api/health every HEALTH_INTERVAL_MS until stopped; each poll's latency (a failed poll counts as its time to fail). */
function pollHealth(url: string) {
  const poller = new Worker(POLLER, { eval: true, workerData: { url, intervalMs: HEALTH_INTERVAL_MS, maxPolls: MAX_HEALTH_POLLS } });
  const done = new Promise<{ latencies: number[]; failures: number }>((resolve, reject) => {
    poller.once("message", resolve);
    poller.once("error", reject);
  });
  return async () => {
    poller.postMessage("stop");
    const { latencies, failures } = await done;
    await poller.terminate();
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      polls: sorted.length,
      failures,
      medianMs: round(percentile(sorted, 0.5)),
      p99Ms: round(percentile(sorted, 0.99)),
      maxMs: round(sorted.at(-1) ?? NaN),
    };
  };
}

interface ScenarioResult {
  scenario: string;
  status: number | string;
  requestMs: number;
  answer: string;
  health: Awaited<ReturnType<ReturnType<typeof pollHealth>>>;
}

/** Runs one request while health is polled; a short idle stretch before it shows the baseline in the same figures. */
async function scenario(name: string, url: string, send: () => Promise<Response>): Promise<ScenarioResult> {
  const stop = pollHealth(url);
  await sleep(200);
  const started = performance.now();
  let status: number | string;
  let answer: string;
  try {
    const res = await send();
    status = res.status;
    answer = (await res.text()).slice(0, 200);
  } catch (error) {
    status = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    answer = "";
  }
  const requestMs = round(performance.now() - started);
  await sleep(200);
  return { scenario: name, status, requestMs, answer, health: await stop() };
}

function bulkAddBatch(datasetId: string): { path: string; body: string } {
  const input = (call: number, item: number) => `call ${call} item ${item} ${"words to store ".repeat(20)}`;
  const calls: Record<number, unknown> = {};
  for (let call = 0; call < BATCH_SIZE; call++) {
    calls[call] = { json: { datasetId, items: Array.from({ length: ITEMS_PER_CALL }, (_, item) => ({ input: input(call, item), expectedOutput: item })) } };
  }
  return { path: `/api/trpc/${Array.from({ length: BATCH_SIZE }, () => "items.bulkAdd").join(",")}?batch=1`, body: JSON.stringify(calls) };
}

/** About `bytes` of CSV whose every row has an empty input. */
function badRowsCsv(bytes: number): Uint8Array<ArrayBuffer> {
  const parts = ["input,expectedOutput\n"];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const row = `,no input on this row ${i}\n`;
    parts.push(row);
    size += row.length;
  }
  return new TextEncoder().encode(parts.join(""));
}

function wideLineCsv(columns: number): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`input,expectedOutput\nq,a\n${",".repeat(columns - 1)}\n`);
}

async function main() {
  const server = new ServerProcess(Number(args.port), "import-stress");
  console.log(`Starting the production server on 127.0.0.1:${args.port}…`);
  await server.start({ TRIALRUN_LOG_LEVEL: "warn", TRIALRUN_MAX_BATCH_SIZE: String(BATCH_SIZE) });
  const results: ScenarioResult[] = [];
  try {
    const post = (path: string, body: string | Uint8Array<ArrayBuffer>, contentType: string) =>
      fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": contentType }, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

    const bulk = await server.client.datasets.create.mutate({ name: `stress-bulk-${Date.now()}` });
    const batch = bulkAddBatch(bulk.id);
    console.log(`a. tRPC batch: ${BATCH_SIZE} × items.bulkAdd of ${ITEMS_PER_CALL} items (${round(batch.body.length / 1024 / 1024)} MB)`);
    results.push(await scenario(`a. batch of ${BATCH_SIZE} bulkAdd (fresh server)`, server.url, () => post(batch.path, batch.body, "application/json")));
    // Again on the now warm server: the first time also pays for compiling the queries and the code paths.
    const warm = bulkAddBatch((await server.client.datasets.create.mutate({ name: `stress-bulk-warm-${Date.now()}` })).id);
    results.push(await scenario(`a. batch of ${BATCH_SIZE} bulkAdd (again)`, server.url, () => post(warm.path, warm.body, "application/json")));

    const badRows = await server.client.datasets.create.mutate({ name: `stress-bad-rows-${Date.now()}` });
    const csv = badRowsCsv(50 * 1024 * 1024);
    console.log(`b. CSV import of ${round(csv.byteLength / 1024 / 1024)} MB, every row invalid`);
    results.push(await scenario("b. 50 MB CSV of bad rows", server.url, () => post(`/api/datasets/${badRows.id}/import?format=csv`, csv, "text/csv")));

    const wide = await server.client.datasets.create.mutate({ name: `stress-wide-${Date.now()}` });
    const line = wideLineCsv(1_000_000);
    console.log(`c. CSV import with one line of 1,000,000 columns (${round(line.byteLength / 1024 / 1024)} MB)`);
    results.push(await scenario("c. one 10^6-column line", server.url, () => post(`/api/datasets/${wide.id}/import?format=csv`, line, "text/csv")));
  } finally {
    await server.stop("SIGTERM");
  }

  console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}`);
  console.log(`/api/health polled every ${HEALTH_INTERVAL_MS} ms during each request (including 200 ms idle before and after):`);
  console.table(
    results.map((r) => ({
      scenario: r.scenario,
      status: r.status,
      "request ms": r.requestMs,
      "health polls": r.health.polls,
      "failed polls": r.health.failures,
      "health median ms": r.health.medianMs,
      "health p99 ms": r.health.p99Ms,
      "health max ms": r.health.maxMs,
    })),
  );
  for (const r of results) console.log(`${r.scenario}: ${r.answer}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
