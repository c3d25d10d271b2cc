/** What every `trialrun` command shares: exit codes, the client, finding a dataset or target by id or name, number formats. */
import { InvalidArgumentError, Option, type Command } from "commander";
import { createTrialrunClient, TRPCClientError, type Run, type TrialrunClient } from "@/client";

export const EXIT = { pass: 0, fail: 1, usage: 2 } as const;

export class UsageError extends Error {}

export type Client = TrialrunClient;

export function clientFrom(options: { url: string; apiKey?: string }): Client {
  return createTrialrunClient({ url: options.url, apiKey: options.apiKey });
}

function isNotFound(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "NOT_FOUND";
}

export async function resolveDataset(client: Client, ref: string) {
  try {
    return await client.datasets.get.query({ id: ref });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const match = (await client.datasets.list.query({ search: ref })).find((d) => d.name === ref);
  if (!match) throw new UsageError(`No dataset with the id or name "${ref}".`);
  return match;
}

export async function resolveTarget(client: Client, ref: string) {
  try {
    return await client.targets.get.query({ id: ref });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const match = (await client.targets.list.query()).find((t) => t.name === ref);
  if (!match) throw new UsageError(`No saved target with the id or name "${ref}". Create it on the Targets page first.`);
  return match;
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
}

export function fmt(n: number | null | undefined, digits = 3): string {
  return n === null || n === undefined ? "—" : n.toFixed(digits);
}

/** Per scorer: the all-items figures, with the errored, skipped and uncomputed counts behind them. */
export function scorerLines(run: Run): string[] {
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

export function connectionOptions(command: Command): Command {
  return command
    .addOption(new Option("--url <url>", "Trialrun server URL").env("TRIALRUN_URL").default("http://localhost:3000"))
    .addOption(new Option("--api-key <key>", "API key").env("TRIALRUN_API_KEY"));
}

/** Ends the process with the command's exit code once its promise settles (index.ts decides how). */
export type Done = (promise: Promise<number>) => Promise<void>;

/**
 * `trialrun <group> <name> <arg>`: a subcommand that takes one argument, with
 * the connection options; `run` gets the parsed options and the argument.
 * The caller adds the description and the command's own options.
 */
export function commandWithArgument<O>(group: Command, usage: string, run: (opts: O, arg: string) => Promise<number>, done: Done): Command {
  return connectionOptions(group.command(usage)).action((arg: string, opts: O) => done(run(opts, arg)));
}
