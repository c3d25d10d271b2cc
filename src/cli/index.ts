#!/usr/bin/env node
/**
 * The `trialrun` command: trigger runs from CI and gate the build on scores.
 * Exit codes: 0 passed; 1 a threshold, a regression check or the run itself
 * failed; 2 usage or connection error. Talks to the server only through the
 * typed client, like any other app.
 */
import { Command, CommanderError } from "commander";
import { GateUsageError, TRPCClientError } from "@/client";
import { registerDatasetsCommands } from "./import-items";
import { registerRunCommand } from "./run-command";
import { EXIT, UsageError } from "./shared";
import { registerRunsCommands } from "./show-run";

export { EXIT } from "./shared";
export { parseMinScore, parseScorer } from "./run-command";
export { parseItemsFile } from "./import-items";

export function buildProgram(exit: (code: number) => void): Command {
  const program = new Command("trialrun").description("Run evaluations on a Trialrun server and gate CI on the scores.").exitOverride();
  const done = (promise: Promise<number>) => promise.then(exit);
  registerRunCommand(program, done);
  registerRunsCommands(program, done);
  registerDatasetsCommands(program, done);
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
