/** `trialrun datasets import <file>`: add a .json or .jsonl file's items to a dataset. */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { clientFrom, commandWithArgument, EXIT, resolveDataset, UsageError, type Done } from "./shared";

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

export function registerDatasetsCommands(program: Command, done: Done): void {
  const datasets = program.command("datasets").description("Manage datasets");
  commandWithArgument(datasets, "import <file>", importItems, done)
    .description("Add the items of a .json (array) or .jsonl file to a dataset")
    .requiredOption("--dataset <name|id>", "dataset to add to")
    .option("--create", "create the dataset when it does not exist");
}
