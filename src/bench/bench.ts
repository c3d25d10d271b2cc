/**
 * `npm run bench [-- --quick]`: starts the production server on a fresh SQLite
 * database, drives it only through the typed client, and prints the figures
 * (median of the repetitions) as a table and as JSON in bench-results/.
 * Not part of `npm test`; --quick is small enough for a smoke run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { TrialrunClient } from "@/client";
import { ServerProcess } from "@/test/server-process";

const { values: args } = parseArgs({ options: { quick: { type: "boolean", default: false }, port: { type: "string", default: "3390" } } });
const quick = args.quick;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function datasetOf(client: TrialrunClient, size: number) {
  const ds = await client.datasets.create.mutate({ name: `bench-${size}-${Date.now()}` });
  for (let start = 0; start < size; start += 1000) {
    const count = Math.min(1000, size - start);
    await client.items.bulkAdd.mutate({
      datasetId: ds.id,
      items: Array.from({ length: count }, (_, i) => ({ input: `item ${start + i}`, expectedOutput: `item ${start + i}` })),
    });
  }
  return ds;
}

async function waitForEnd(client: TrialrunClient, runId: string) {
  for (;;) {
    const run = await client.runs.get.query({ id: runId });
    if (run.status === "completed" || run.status === "failed" || run.status === "cancelled") return run;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function triggerLatency(client: TrialrunClient, size: number, triggers: number) {
  const ds = await datasetOf(client, size);
  const times: number[] = [];
  for (let i = 0; i < triggers; i++) {
    const started = performance.now();
    const { runId } = await client.runs.trigger.mutate({ datasetId: ds.id, target: { kind: "demo", latencyMs: 60_000 } });
    times.push(performance.now() - started);
    await client.runs.cancel.mutate({ id: runId });
  }
  return { size, triggers, p50: round(percentile(times, 0.5)), p99: round(percentile(times, 0.99)) };
}

async function echoThroughput(client: TrialrunClient, size: number, repetitions: number) {
  const ds = await datasetOf(client, size);
  const rates: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    const { runId } = await client.runs.trigger.mutate({
      datasetId: ds.id,
      target: { kind: "echo" },
      scorers: [{ type: "exact-match" }, { type: "levenshtein" }],
      settings: { concurrency: 16 },
    });
    const run = await waitForEnd(client, runId);
    if (run.status !== "completed" || run.doneCount !== size) throw new Error(`echo run ended ${run.status} with ${run.doneCount}/${size}`);
    rates.push(size / ((performance.now() - started) / 1000));
  }
  return { size, repetitions, itemsPerSecond: round(median(rates), 0), all: rates.map((r) => round(r, 0)) };
}

async function main() {
  const server = new ServerProcess(Number(args.port), "bench");
  console.log(`Starting the production server on port ${args.port}…`);
  await server.start({ TRIALRUN_LOG_LEVEL: "warn" });
  const client = server.client;
  try {
    const triggers = quick ? 10 : 50;
    const latency = [];
    for (const size of quick ? [10, 1000] : [10, 10_000]) latency.push(await triggerLatency(client, size, triggers));
    const throughput = [];
    for (const size of quick ? [500] : [1000, 10_000]) throughput.push(await echoThroughput(client, size, quick ? 1 : 3));

    const results = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 1024 ** 3), node: process.version },
      quick,
      triggerLatencyMs: latency,
      echoThroughput: throughput,
    };
    console.log("\nTrigger latency (runs.trigger through the typed client)");
    console.table(latency.map((l) => ({ "dataset items": l.size, triggers: l.triggers, "p50 ms": l.p50, "p99 ms": l.p99 })));
    console.log("Engine throughput (echo target, exact-match + levenshtein, concurrency 16, trigger to completed)");
    console.table(throughput.map((t) => ({ items: t.size, repetitions: t.repetitions, "median items/s": t.itemsPerSecond, "each run": t.all.join(", ") })));
    const out = path.resolve("bench-results", `bench-${Date.now()}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(results, null, 2));
    console.log(`Figures written to ${path.relative(process.cwd(), out)}`);
  } finally {
    await server.stop("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
