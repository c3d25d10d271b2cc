import { Readable } from "node:stream";
import { cellValue } from "@/features/datasets/import/csv-cells";
import { parseRows } from "@/features/datasets/import/parse-rows";
import type { JsonValue } from "@/lib/json";

/**
 * CSV text's rows as a dataset import reads them: its reader, and its cell
 * rule (a cell is JSON only when it is exactly that JSON's text). Throws on a
 * row the reader refuses.
 */
export async function csvRowsAsImported(text: string): Promise<Record<string, JsonValue>[]> {
  const rows: Record<string, JsonValue>[] = [];
  for await (const row of parseRows(Readable.from([Buffer.from(text, "utf8")]), "csv")) {
    if (row.problem !== undefined) throw new Error(`the import reader refused a row: ${JSON.stringify(row.problem)}`);
    const values: Record<string, JsonValue> = {};
    for (const [column, raw] of Object.entries(row.value)) values[column] = cellValue(String(raw), true);
    rows.push(values);
  }
  return rows;
}
