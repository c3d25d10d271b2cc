import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerProcess } from "@/test/server-process";

/**
 * The typed client and the CLI as other apps use them: a separate TypeScript
 * project installs this repository from its path, compiles against
 * `trialrun/client` and drives a run on the real server; the `trialrun`
 * command gates on thresholds and regressions with its exit codes.
 */
const run = promisify(execFile);
const repo = process.cwd();
let server: ServerProcess;
let consumer: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(repo, "dist/client/index.d.ts"))) throw new Error("dist/ is missing: run `npm run build:client` first");
  server = new ServerProcess(3312, "client");
  await server.start({ TRIALRUN_LOG_LEVEL: "warn" });
  consumer = fs.mkdtempSync(path.join(os.tmpdir(), "trialrun-consumer-"));
  fs.writeFileSync(
    path.join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { trialrun: `file:${repo}` } }),
  );
  await run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: consumer });
}, 180_000);

afterAll(async () => {
  await server?.stop("SIGTERM");
  if (consumer) fs.rmSync(consumer, { recursive: true, force: true });
});

function writeConsumer(files: Record<string, string>, include: string[]) {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(consumer, name), text);
  fs.writeFileSync(
    path.join(consumer, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        outDir: "out",
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [path.join(repo, "node_modules/@types")],
      },
      include,
    }),
  );
}

async function tsc(): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(path.join(repo, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], { cwd: consumer });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, output: e.stdout };
  }
}

describe("typed client from a separate project", () => {
  it("compiles against trialrun/client, drives a run end to end, and rejects a type error", async () => {
    writeConsumer(
      {
        "main.ts": `
import { createTrialrunClient, waitForRun, type Run } from "trialrun/client";

const client = createTrialrunClient({ url: process.argv[2]! });
const dataset = await client.datasets.create.mutate({ name: "from-another-app" });
await client.items.bulkAdd.mutate({ datasetId: dataset.id, items: [{ input: "a", expectedOutput: "a" }, { input: "b", expectedOutput: "x" }] });
const { runId, status } = await client.runs.trigger.mutate({ datasetId: dataset.id, target: { kind: "echo" }, scorers: [{ type: "exact-match" }] });
const pending: "pending" | "running" | "completed" | "failed" | "cancelled" = status;
let polls = 0;
const run: Run = await waitForRun(client, runId, { intervalMs: 50, onProgress: () => polls++ });
const page = await client.runs.results.query({ runId });
const mean: number | null = run.summary?.scorers[0]?.mean ?? null;
console.log(JSON.stringify({ pending, status: run.status, done: run.doneCount, results: page.total, mean, polled: polls > 0 }));
`,
      },
      ["main.ts"],
    );
    const compiled = await tsc();
    expect(compiled.output).toBe("");
    expect(compiled.code).toBe(0);
    const { stdout } = await run(process.execPath, [path.join(consumer, "out/main.js"), server.url]);
    expect(JSON.parse(stdout)).toEqual({ pending: "pending", status: "completed", done: 2, results: 2, mean: 0.5, polled: true });

    writeConsumer(
      {
        "bad.ts": `
import { createTrialrunClient } from "trialrun/client";
const client = createTrialrunClient({ url: "http://localhost:3000" });
await client.runs.trigger.mutate({ datasetId: 42, target: { kind: "echo" } });
const run = await client.runs.get.query({ id: "x" });
const wrong: string = run.doneCount;
`,
      },
      ["bad.ts"],
    );
    const failed = await tsc();
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(/bad\.ts\(4,.*Type 'number' is not assignable to type 'string'/);
    expect(failed.output).toMatch(/bad\.ts\(6,.*Type 'number' is not assignable to type 'string'/);
  });
});

describe("trialrun CLI", () => {
  const cli = (args: string[]) =>
    run(process.execPath, [path.join(repo, "dist/cli/index.js"), ...args, "--url", server.url]).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it("imports a file, gates on a minimum score and on regressions against a baseline", async () => {
    const file = path.join(consumer, "items.jsonl");
    fs.writeFileSync(file, ['{"input":"a","expectedOutput":"a"}', '{"input":"b","expectedOutput":"b"}', '{"input":"c","expectedOutput":"z"}'].join("\n"));
    const imported = await cli(["datasets", "import", file, "--dataset", "cli-set", "--create"]);
    expect(imported.stdout).toMatch(/Imported 3 items into "cli-set"/);

    const passing = await cli([
      "run",
      "--dataset",
      "cli-set",
      "--target-config",
      '{"kind":"echo"}',
      "--scorer",
      "exact-match",
      "--min-score",
      "exact-match=0.6",
      "--json",
    ]);
    expect(passing.code).toBe(0);
    const baseline = JSON.parse(passing.stdout) as { pass: boolean; run: { id: string } };
    expect(baseline.pass).toBe(true);

    const failing = await cli([
      "run",
      "--dataset",
      "cli-set",
      "--target-config",
      '{"kind":"echo"}',
      "--scorer",
      "exact-match",
      "--min-score",
      "exact-match=0.9",
    ]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/FAIL exact-match mean 0\.667 >= 0\.9/);

    // A worse candidate: the demo model never gives the expected answer.
    const regressed = await cli([
      "run",
      "--dataset",
      "cli-set",
      "--target-config",
      '{"kind":"demo","latencyMs":0,"jitterMs":0,"accuracy":0}',
      "--scorer",
      "exact-match",
      "--baseline",
      baseline.run.id,
    ]);
    expect(regressed.code).toBe(1);
    expect(regressed.stdout).toMatch(/FAIL 2 items regressed against the baseline \(limit 0\)/);
    const tolerated = await cli([
      "run",
      "--dataset",
      "cli-set",
      "--target-config",
      '{"kind":"demo","latencyMs":0,"jitterMs":0,"accuracy":0}',
      "--scorer",
      "exact-match",
      "--baseline",
      baseline.run.id,
      "--max-regressions",
      "2",
    ]);
    expect(tolerated.code).toBe(0);

    const shown = await cli(["runs", "show", baseline.run.id]);
    expect(shown.stdout).toMatch(/status: completed, 3\/3 results/);
  });

  it("counts errored items against the gates: min score on the all-items mean, --max-errors, scorer errors", async () => {
    // 200 items; the candidate target errors on 106 of them and answers the rest correctly.
    const target = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const input = (JSON.parse(body) as { input: string }).input;
        const broken = req.url === "/broken" && Number(input.slice(1)) < 106;
        res.writeHead(broken ? 500 : 200, { "content-type": "application/json" });
        res.end(JSON.stringify(broken ? { error: "down" } : { output: input }));
      });
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    try {
      const dataset = await server.client.datasets.create.mutate({ name: "cli-errors" });
      await server.client.items.bulkAdd.mutate({
        datasetId: dataset.id,
        items: Array.from({ length: 200 }, (_, i) => ({ input: `q${i}`, expectedOutput: `q${i}` })),
      });
      const config = (path: string) => JSON.stringify({ kind: "http", url: `${base}${path}`, outputPath: "output" });
      const common = ["--dataset", "cli-errors", "--scorer", "exact-match", "--retries", "0"];

      const good = await cli(["run", ...common, "--target-config", config("/ok"), "--min-score", "exact-match=0.9", "--json"]);
      expect(good.code).toBe(0);
      const baselineId = (JSON.parse(good.stdout) as { run: { id: string } }).run.id;

      const gated = await cli(["run", ...common, "--target-config", config("/broken"), "--min-score", "exact-match=0.9", "--wait"]);
      expect(gated.code).toBe(1);
      expect(gated.stdout).toMatch(
        /exact-match: mean 0\.470, pass rate 0\.470 \(200 counted, 106 errored as 0; answered only: mean 1\.000, pass rate 1\.000\)/,
      );
      expect(gated.stdout).toMatch(/FAIL exact-match mean 0\.470 >= 0\.9 \(106 errored results counted as 0/);
      expect(gated.stdout).toMatch(/^FAIL: /m);

      const tolerant = await cli(["run", ...common, "--target-config", config("/broken"), "--max-errors", "60%", "--json"]);
      expect(tolerant.code).toBe(0);
      const report = JSON.parse(tolerant.stdout) as {
        pass: boolean;
        errored: number;
        total: number;
        checks: { gate: string; pass: boolean; message: string }[];
      };
      expect(report).toMatchObject({ pass: true, errored: 106, total: 200 });
      expect(report.checks.find((c) => c.gate === "max-errors")).toMatchObject({ pass: true, message: "106 of 200 results errored (limit 60%)" });
      const strict = await cli(["run", ...common, "--target-config", config("/broken"), "--max-errors", "100"]);
      expect(strict.code).toBe(1);
      expect(strict.stdout).toMatch(/FAIL 106 of 200 results errored \(limit 100\)/);

      const compared = await cli(["run", ...common, "--target-config", config("/broken"), "--baseline", baselineId, "--json"]);
      expect(compared.code).toBe(1);
      const comparison = (
        JSON.parse(compared.stdout) as { comparison: { regressedItems: number; scorers: { regressions: number; significant: boolean; delta: number }[] } }
      ).comparison;
      expect(comparison.regressedItems).toBe(106);
      expect(comparison.scorers[0]).toMatchObject({ regressions: 106, significant: true });
      expect(comparison.scorers[0]!.delta).toBeCloseTo(-0.53, 10);

      // exact-match cannot score items without an expected output: uncomputed scores fail its gate unless allowed.
      const noExpected = await server.client.datasets.create.mutate({ name: "cli-no-expected" });
      await server.client.items.bulkAdd.mutate({ datasetId: noExpected.id, items: [{ input: "a", expectedOutput: "a" }, { input: "b" }] });
      const incomplete = await cli([
        "run",
        "--dataset",
        "cli-no-expected",
        "--target-config",
        '{"kind":"echo"}',
        "--scorer",
        "exact-match",
        "--min-score",
        "exact-match=0.5",
      ]);
      expect(incomplete.code).toBe(1);
      expect(incomplete.stdout).toMatch(/FAIL exact-match: 1 score could not be computed; the gate on it is incomplete/);
      const allowed = await cli([
        "run",
        "--dataset",
        "cli-no-expected",
        "--target-config",
        '{"kind":"echo"}',
        "--scorer",
        "exact-match",
        "--min-score",
        "exact-match=0.5",
        "--allow-scorer-errors",
      ]);
      expect(allowed.code).toBe(0);
    } finally {
      await new Promise<void>((resolve) => target.close(() => resolve()));
    }
  });

  it("exits 2 with a one-line reason on usage and connection errors", async () => {
    const usage = await cli(["run", "--dataset", "no-such-dataset", "--target-config", '{"kind":"echo"}']);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim()).toBe('trialrun: No dataset with the id or name "no-such-dataset".');
    const badScorer = await cli(["run", "--dataset", "x", "--target-config", "{}", "--scorer", "??"]);
    expect(badScorer.code).toBe(2);
    const offline = await run(process.execPath, [path.join(repo, "dist/cli/index.js"), "runs", "show", "x", "--url", "http://127.0.0.1:9"]).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(offline.code).toBe(2);
    expect(offline.stderr).toMatch(/Cannot reach the Trialrun server/);
  });
});
