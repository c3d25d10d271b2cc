/** `trialrun run`: trigger a run and, when asked, wait for it and gate on its scores, errors and regressions. */
import { InvalidArgumentError, type Command } from "commander";
import { checkGates, compareRuns, parseErrorLimit, waitForRun, type ErrorLimit, type Run, type RunComparison } from "@/client";
import { clientFrom, connectionOptions, EXIT, fmt, positiveInt, resolveDataset, resolveTarget, scorerLines, UsageError, type Done } from "./shared";

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

export function registerRunCommand(program: Command, done: Done): void {
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
}
