/**
 * `npx tsx src/bench/held-lock.ts`: what the dashboard sees while another
 * process holds SQLite's write lock (a `sqlite3` shell in a transaction, a
 * second instance's import). Starts the production server on a fresh
 * database, holds BEGIN IMMEDIATE from a second connection for --hold-ms,
 * and meanwhile reads (`/api/health`, `datasets.list`) every 20 ms and writes
 * (`datasets.create`) every 500 ms. Prints read latency (median, p99, max)
 * and what each write answered. Measures; asserts nothing.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { ServerProcess } from "@/test/server-process";
import { openSqlite } from "@/test/sqlite";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "3391" },
    "hold-ms": { type: "string", default: "8000" },
  },
});
const holdMs = Number(args["hold-ms"]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
}

const server = new ServerProcess(Number(args.port), "held-lock");
await server.start();
try {
  await server.client.datasets.create.mutate({ name: "before the lock" });
  const lock = openSqlite(path.resolve(server.dbFile));
  lock.exec("BEGIN IMMEDIATE");
  const started = Date.now();
  const reads: number[] = [];
  const writes: string[] = [];
  const failedReads: string[] = [];
  const reader = (async () => {
    while (Date.now() - started < holdMs) {
      const t0 = performance.now();
      try {
        await fetch(`${server.url}/api/health`);
        await server.client.datasets.list.query({});
      } catch (error) {
        failedReads.push(`after ${Math.round(performance.now() - t0)} ms: ${(error as Error).message.slice(0, 90)}`);
      }
      reads.push(performance.now() - t0);
      await sleep(20);
    }
  })();
  const writer = (async () => {
    for (let i = 0; Date.now() - started < holdMs; i++) {
      const t0 = performance.now();
      try {
        await server.client.datasets.create.mutate({ name: `during the lock ${i}` });
        writes.push(`ok after ${Math.round(performance.now() - t0)} ms`);
      } catch (error) {
        const data = (error as { data?: { httpStatus?: number } }).data;
        writes.push(`${data?.httpStatus ?? "?"} after ${Math.round(performance.now() - t0)} ms: ${(error as Error).message.slice(0, 90)}`);
      }
      await sleep(500);
    }
  })();
  await Promise.all([reader, writer]);
  lock.exec("ROLLBACK");
  lock.close();
  const t0 = performance.now();
  await server.client.datasets.create.mutate({ name: "after the lock" });
  console.log(`write lock held ${holdMs} ms by a second connection`);
  console.log(
    `reads (health + datasets.list): n=${reads.length} median ${percentile(reads, 0.5).toFixed(1)} ms, p99 ${percentile(reads, 0.99).toFixed(1)} ms, max ${Math.max(...reads).toFixed(1)} ms`,
  );
  if (failedReads.length > 0) console.log(`failed reads: ${failedReads.length}, first: ${failedReads[0]}`);
  console.log(`writes during the lock:\n  ${writes.join("\n  ")}`);
  console.log(`first write after the release: ${(performance.now() - t0).toFixed(1)} ms`);
} finally {
  await server.stop("SIGTERM");
}
