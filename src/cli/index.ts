#!/usr/bin/env node
/**
 * The `trialrun` command: trigger runs from CI and gate the build on scores.
 * Exit codes: 0 passed; 1 a threshold, a regression check or the run itself
 * failed; 2 usage or connection error. Talks to the server only through the
 * typed client, like any other app.
 */
import { readFile } from "node:fs/promises";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import {
  checkGates,
  compareRuns,
  createTrialrunClient,
  GateUsageError,
  parseErrorLimit,
  TRPCClientError,
  waitForRun,
  type ErrorLimit,
  type Run,
  type RunComparison,
  type TrialrunClient,
} from "@/client";

export const EXIT = { pass: 0, fail: 1, usage: 2 } as const;

class UsageError extends Error {}

type Client = TrialrunClient;

function clientFrom(options: { url: string; apiKey?: string }): Client {
  return createTrialrunClient({ url: options.url, apiKey: options.apiKey });
}

function isNotFound(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "NOT_FOUND";
}

async function resolveDataset(client: Client, ref: string) {
  try {
    return await client.datasets.get.query({ id: ref });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const match = (await client.datasets.list.query({ search: ref })).find((d) => d.name === ref);
  if (!match) throw new UsageError(`No dataset with the id or name "${ref}".`);
  return match;
}

async function resolveTarget(client: Client, ref: string) {
  try {
    return await client.targets.get.query({ id: ref });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const match = (await client.targets.list.query()).find((t) => t.name === ref);
  if (!match) throw new UsageError(`No saved target with the id or name "${ref}". Create it on the Targets page first.`);
  return match;
}

/** `[name=]type[:threshold]`, or a JSON scorer config. */
export function parseScorer(spec: string, previous: unknown[] = []): unknown[] {
  const trimmed = spec.trim();
  if (trimmed.startsWith("{")) {
    try {
      return [...previous, JSON.parse(trimmed)];
    } catch {
      throw new InvalidArgumentError(`"${spec}" is not valid JSON.`);
    }
  }
  const match = /^(?:([\w .:-]+)=)?([a-z-]+)(?::([0-9.]+))?$/.exec(trimmed);
  if (!match) throw new InvalidArgumentError(`expected [name=]type[:threshold], e.g. exact-match or sim=levenshtein:0.9; got "${spec}"`);
  const [, name, type, threshold] = match;
  return [...previous, { type, ...(name ? { name } : {}), ...(threshold ? { threshold: Number(threshold) } : {}) }];
}

/** `scorer=0.8` */
export function parseMinScore(spec: string, previous: Record<string, number> = {}): Record<string, number> {
  const match = /^([\w .:-]+)=([0-9.]+)$/.exec(spec.trim());
  const value = match ? Number(match[2]) : NaN;
  if (!match || !(value >= 0 && value <= 1))
    throw new InvalidArgumentError(`expected scorer=minimum with a minimum from 0 to 1, e.g. exact-match=0.8; got "${spec}"`);
  return { ...previous, [match[1]!]: value };
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
}

function progressLine(run: Run, startedAt: number): string {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  return `${run.status} ${run.doneCount}/${run.total} done, ${run.failedCount} failed, ${seconds}s`;
}

function progressReporter(json: boolean) {
  const startedAt = Date.now();
  const tty = process.stderr.isTTY && !json;
  let lastLine = "";
  let lastPrint = 0;
  return {
    update(run: Run) {
      if (json) return;
      if (tty) {
        const width = 30;
        const filled = run.total ? Math.round((run.doneCount / run.total) * width) : 0;
        process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${progressLine(run, startedAt)}   `);
        return;
      }
      const line = progressLine(run, startedAt);
      // Plain lines for CI logs: on status changes and at most every 5 s.
      if (line.split(" ")[0] !== lastLine.split(" ")[0] || Date.now() - lastPrint > 5000) {
        process.stderr.write(`${line}\n`);
        lastPrint = Date.now();
      }
      lastLine = line;
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}

function errorLimit(value: string): ErrorLimit {
  const limit = parseErrorLimit(value);
  if (!limit) throw new InvalidArgumentError(`expected a number of results or a percentage, e.g. 5 or 10%; got "${value}"`);
  return limit;
}

function fmt(n: number | null | undefined, digits = 3): string {
  return n === null || n === undefined ? "—" : n.toFixed(digits);
}

async function runCommand(opts: {
  url: string;
  apiKey?: string;
  dataset: string;
  target?: string;
  targetConfig?: string;
  scorer?: unknown[];
  concurrency?: number;
  repetitions?: number;
  retries?: number;
  name?: string;
  wait?: boolean;
  minScore?: Record<string, number>;
  maxErrors?: ErrorLimit;
  allowScorerErrors?: boolean;
  baseline?: string;
  maxRegressions?: number;
  json?: boolean;
}): Promise<number> {
  if (!opts.target === !opts.targetConfig) throw new UsageError("Give exactly one of --target <name|id> and --target-config <json>.");
  const client = clientFrom(opts);
  const dataset = await resolveDataset(client, opts.dataset);
  let targetRef: { targetId: string } | { target: never };
  if (opts.target) {
    targetRef = { targetId: (await resolveTarget(client, opts.target)).id };
  } else {
    try {
      targetRef = { target: JSON.parse(opts.targetConfig!) as never };
    } catch {
      throw new UsageError("--target-config is not valid JSON.");
    }
  }
  const settings = {
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
    ...(opts.repetitions !== undefined ? { repetitions: opts.repetitions } : {}),
    ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
  };
  const { runId } = await client.runs.trigger.mutate({
    datasetId: dataset.id,
    name: opts.name ?? "",
    ...targetRef,
    scorers: (opts.scorer ?? []) as never,
    ...(Object.keys(settings).length ? { settings: settings as never } : {}),
  });
  const mustWait = opts.wait || opts.minScore !== undefined || opts.baseline !== undefined || opts.maxErrors !== undefined;
  if (!mustWait) {
    if (opts.json) console.log(JSON.stringify({ runId, status: "pending" }));
    else console.log(`Run ${runId} started on "${dataset.name}". Follow it with: trialrun runs show ${runId}`);
    return EXIT.pass;
  }

  const reporter = progressReporter(!!opts.json);
  const run = await waitForRun(client, runId, { onProgress: (r) => reporter.update(r) });
  reporter.done();

  let comparison: RunComparison | null = null;
  if (opts.baseline) comparison = await compareRuns(client, opts.baseline, runId);
  const report = checkGates(run, comparison, {
    minScore: opts.minScore,
    maxErrors: opts.maxErrors,
    maxRegressions: opts.maxRegressions,
    allowScorerErrors: opts.allowScorerErrors,
  });

  if (opts.json) {
    console.log(JSON.stringify({ pass: report.pass, errored: report.errored, total: report.total, checks: report.checks, run, comparison }, null, 2));
  } else {
    console.log(`Run ${run.id}: ${run.status} — ${run.doneCount}/${run.total} results, ${run.failedCount} errored`);
    if (run.error) console.log(`  error: ${run.error}`);
    for (const line of scorerLines(run)) console.log(`  ${line}`);
    if (comparison) {
      console.log(
        `  vs baseline ${comparison.baselineRunId}: ${comparison.matched} items matched, ${comparison.regressedItems} regressed, ${comparison.improvedItems} improved`,
      );
      for (const s of comparison.scorers) {
        const delta = s.delta === null ? "—" : (s.delta >= 0 ? "+" : "") + s.delta.toFixed(3);
        const interval = s.deltaInterval ? ` [${s.deltaInterval[0].toFixed(3)}, ${s.deltaInterval[1].toFixed(3)}]${s.significant ? " significant" : ""}` : "";
        console.log(`    ${s.name}: ${fmt(s.baselineMean)} -> ${fmt(s.candidateMean)} (${delta}${interval}), ${s.regressions} worse, ${s.improvements} better`);
      }
      if (comparison.scorersOnlyInBaseline.length) console.log(`    only in baseline: ${comparison.scorersOnlyInBaseline.join(", ")}`);
      if (comparison.scorersOnlyInCandidate.length) console.log(`    only in candidate: ${comparison.scorersOnlyInCandidate.join(", ")}`);
    }
    for (const check of report.checks) console.log(`  ${check.pass ? "ok  " : "FAIL"} ${check.message}`);
    const failed = report.checks.filter((c) => !c.pass);
    console.log(report.pass ? "PASS" : `FAIL: ${failed.map((c) => c.message).join("; ")}`);
  }
  return report.pass ? EXIT.pass : EXIT.fail;
}

/** Per scorer: the all-items figures, with the errored, skipped and uncomputed counts behind them. */
function scorerLines(run: Run): string[] {
  return (run.summary?.scorers ?? []).map((s) => {
    const notes = [
      `${s.counted} counted`,
      s.targetErrors > 0 ? `${s.targetErrors} errored as 0; answered only: mean ${fmt(s.answeredMean)}, pass rate ${fmt(s.answeredPassRate)}` : null,
      s.scorerErrors > 0 ? `${s.scorerErrors} could not be computed` : null,
      s.skipped > 0 ? `${s.skipped} skipped` : null,
      s.flakyItems ? `${s.flakyItems} flaky items` : null,
    ].filter(Boolean);
    return `${s.name}: mean ${fmt(s.mean)}, pass rate ${fmt(s.passRate)} (${notes.join(", ")})`;
  });
}

async function showRun(opts: { url: string; apiKey?: string; json?: boolean }, id: string): Promise<number> {
  const run = await clientFrom(opts).runs.get.query({ id });
  if (opts.json) {
    console.log(JSON.stringify(run, null, 2));
    return EXIT.pass;
  }
  console.log(`Run ${run.id}${run.name ? ` "${run.name}"` : ""} on "${run.datasetName}" (version ${run.datasetVersion})`);
  console.log(`  status: ${run.status}, ${run.doneCount}/${run.total} results, ${run.failedCount} errored`);
  console.log(`  target: ${run.targetName ?? run.target.kind}`);
  if (run.error) console.log(`  error: ${run.error}`);
  for (const line of scorerLines(run)) console.log(`  ${line}`);
  if (run.summary) {
    const { latencyMs: l, scoresNotComputed } = run.summary;
    if (scoresNotComputed > 0) console.log(`  ${scoresNotComputed} scores could not be computed`);
    console.log(`  latency p50 ${l.p50 ?? "—"} ms, p95 ${l.p95 ?? "—"} ms, p99 ${l.p99 ?? "—"} ms (nearest rank)`);
  }
  return EXIT.pass;
}

/** Reads items from a .json (array) or .jsonl file: each row `{ input, expectedOutput?, metadata? }`. */
export function parseItemsFile(text: string, fileName: string): { input: unknown; expectedOutput?: unknown; metadata?: unknown }[] {
  let rows: unknown[];
  if (fileName.endsWith(".jsonl") || fileName.endsWith(".ndjson")) {
    rows = text
      .split(/\r?\n/)
      .map((line, index) => ({ line: line.trim(), index }))
      .filter(({ line }) => line !== "")
      .map(({ line, index }) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          throw new UsageError(`${fileName} line ${index + 1}: not valid JSON.`);
        }
      });
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UsageError(`${fileName}: not valid JSON (use .jsonl for one item per line).`);
    }
    rows = Array.isArray(parsed) ? parsed : Array.isArray((parsed as { items?: unknown })?.items) ? (parsed as { items: unknown[] }).items : [];
    if (rows.length === 0) throw new UsageError(`${fileName}: expected a JSON array of items.`);
  }
  return rows.map((row, index) => {
    if (!row || typeof row !== "object" || !("input" in row)) throw new UsageError(`${fileName} item ${index + 1}: expected an object with an "input" field.`);
    const { input, expectedOutput, metadata } = row as Record<string, unknown>;
    return { input, expectedOutput, metadata };
  });
}

async function importItems(opts: { url: string; apiKey?: string; dataset: string; create?: boolean }, file: string): Promise<number> {
  const client = clientFrom(opts);
  const items = parseItemsFile(await readFile(file, "utf8"), file);
  let dataset: { id: string; name: string };
  try {
    dataset = await resolveDataset(client, opts.dataset);
  } catch (error) {
    if (!(error instanceof UsageError) || !opts.create) throw error;
    dataset = await client.datasets.create.mutate({ name: opts.dataset });
  }
  for (let start = 0; start < items.length; start += 1000) {
    await client.items.bulkAdd.mutate({ datasetId: dataset.id, items: items.slice(start, start + 1000) as never });
  }
  console.log(`Imported ${items.length} items into "${dataset.name}" (${dataset.id}).`);
  return EXIT.pass;
}

function connectionOptions(command: Command): Command {
  return command
    .addOption(new Option("--url <url>", "Trialrun server URL").env("TRIALRUN_URL").default("http://localhost:3000"))
    .addOption(new Option("--api-key <key>", "API key").env("TRIALRUN_API_KEY"));
}

export function buildProgram(exit: (code: number) => void): Command {
  const program = new Command("trialrun").description("Run evaluations on a Trialrun server and gate CI on the scores.").exitOverride();
  const done = (promise: Promise<number>) => promise.then(exit);

  connectionOptions(program.command("run"))
    .description("Trigger a run; with --wait, --min-score or --baseline, wait for it and check the result")
    .requiredOption("--dataset <name|id>", "dataset to run")
    .option("--target <name|id>", "saved target")
    .option("--target-config <json>", 'a target configuration, e.g. \'{"kind":"echo"}\'')
    .option("--scorer <spec>", "scorer: [name=]type[:threshold] or JSON (repeatable)", parseScorer)
    .option("--concurrency <n>", "items in flight", positiveInt)
    .option("--retries <n>", "extra attempts on transient target errors (default 2)", positiveInt)
    .option("--repetitions <n>", "runs of each item", positiveInt)
    .option("--name <name>", "run name")
    .option("--wait", "wait for the run to end")
    .option("--min-score <scorer=min>", "fail when the scorer's mean over all results (errored ones as 0) is below min (repeatable)", parseMinScore)
    .option("--max-errors <n|p%>", "fail when more results than this errored (a count, or a percentage of the run)", errorLimit)
    .option("--allow-scorer-errors", "let scores that could not be computed pass the gates on their scorer")
    .option("--baseline <runId>", "compare with this run, item by item")
    .option("--max-regressions <n>", "regressed items allowed against the baseline (default 0)", positiveInt)
    .option("--json", "print the result as JSON")
    .action((opts: Parameters<typeof runCommand>[0]) => done(runCommand(opts)));

  const runs = program.command("runs").description("Inspect runs");
  connectionOptions(runs.command("show <id>"))
    .description("Show a run and its summary")
    .option("--json", "print the run as JSON")
    .action((id: string, opts: Parameters<typeof showRun>[0]) => done(showRun(opts, id)));

  const datasets = program.command("datasets").description("Manage datasets");
  connectionOptions(datasets.command("import <file>"))
    .description("Add the items of a .json (array) or .jsonl file to a dataset")
    .requiredOption("--dataset <name|id>", "dataset to add to")
    .option("--create", "create the dataset when it does not exist")
    .action((file: string, opts: Parameters<typeof importItems>[0]) => done(importItems(opts, file)));
  return program;
}

function describe(error: unknown): { code: number; message: string } {
  if (error instanceof UsageError || error instanceof GateUsageError) return { code: EXIT.usage, message: error.message };
  if (error instanceof TRPCClientError) {
    const cause = (error.cause as { cause?: { code?: string } } | undefined)?.cause;
    if (cause?.code === "ECONNREFUSED" || /fetch failed/.test(error.message)) {
      return { code: EXIT.usage, message: `Cannot reach the Trialrun server (${error.message}). Check --url or TRIALRUN_URL.` };
    }
    return { code: EXIT.usage, message: error.message };
  }
  return { code: EXIT.usage, message: error instanceof Error ? error.message : String(error) };
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.pass;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.pass : EXIT.usage;
    const { code: failure, message } = describe(error);
    console.error(`trialrun: ${message}`);
    return failure;
  }
  return code;
}

// Run when executed directly (not when imported by tests).
if (process.argv[1] && /(?:cli[\\/]index\.(?:ts|js)|[\\/]trialrun)$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(EXIT.usage);
    },
  );
}
