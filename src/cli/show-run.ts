/** `trialrun runs show <id>`: a run and its summary. */
import type { Command } from "commander";
import { clientFrom, commandWithArgument, EXIT, scorerLines, type Done } from "./shared";

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
    if (scoresNotComputed > 0) console.log(`  ${scoresNotComputed} ${scoresNotComputed === 1 ? "score" : "scores"} could not be computed`);
    console.log(`  latency p50 ${l.p50 ?? "—"} ms, p95 ${l.p95 ?? "—"} ms, p99 ${l.p99 ?? "—"} ms (nearest rank)`);
  }
  return EXIT.pass;
}

export function registerRunsCommands(program: Command, done: Done): void {
  const runs = program.command("runs").description("Inspect runs");
  commandWithArgument(runs, "show <id>", showRun, done).description("Show a run and its summary").option("--json", "print the run as JSON");
}
