import type { AnySchema, ValidateFunction } from "ajv";
import type { Prisma } from "@/generated/prisma/client";
import { compileJsonSchema, describeViolation } from "@/lib/json-schema";
import { db } from "@/server/db";
import { badRequest, conflict, notFound } from "@/server/errors";

/**
 * Optional JSON Schemas on a dataset for item inputs and expected outputs:
 * enforced on add, edit and import; a changed schema is checked against the
 * current items first and refused with the first failures listed.
 */
export interface ItemValidators {
  input: ValidateFunction | null;
  expectedOutput: ValidateFunction | null;
}

type Client = Prisma.TransactionClient | typeof db;

export function compileSchemaOrThrow(schema: unknown, field: "inputSchema" | "expectedSchema"): ValidateFunction {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) throw badRequest(`${field}: must be a JSON Schema object`, field);
  const compiled = compileJsonSchema(schema as AnySchema);
  if (!compiled.ok) throw badRequest(`${field}: ${compiled.message}`, field);
  return compiled.validate;
}

export async function datasetValidators(datasetId: string, client: Client = db): Promise<ItemValidators> {
  const dataset = await client.dataset.findUnique({ where: { id: datasetId }, select: { inputSchema: true, expectedSchema: true } });
  if (!dataset) throw notFound("Dataset", datasetId);
  return {
    input: dataset.inputSchema === null ? null : compileSchemaOrThrow(dataset.inputSchema, "inputSchema"),
    expectedOutput: dataset.expectedSchema === null ? null : compileSchemaOrThrow(dataset.expectedSchema, "expectedSchema"),
  };
}

/** What is wrong with an item under the dataset's schemas ("input: $.question must be string"); empty when fine. */
export function schemaViolations(validators: ItemValidators, item: { input: unknown; expectedOutput?: unknown }): string[] {
  const problems: string[] = [];
  if (validators.input && !validators.input(item.input)) {
    problems.push(...(validators.input.errors ?? []).slice(0, 3).map((e) => `input: ${describeViolation(e)}`));
  }
  const expected = item.expectedOutput;
  if (validators.expectedOutput && expected !== undefined && expected !== null && !validators.expectedOutput(expected)) {
    problems.push(...(validators.expectedOutput.errors ?? []).slice(0, 3).map((e) => `expectedOutput: ${describeViolation(e)}`));
  }
  return problems;
}

/** Throws a field error for the first item of `items` that breaks the schemas. */
export function assertItemsMatch(validators: ItemValidators, items: { input: unknown; expectedOutput?: unknown }[], field: (index: number) => string) {
  if (!validators.input && !validators.expectedOutput) return;
  items.forEach((item, index) => {
    const problems = schemaViolations(validators, item);
    if (problems.length > 0) throw badRequest(`${field(index)}: does not match the dataset's schema: ${problems.join("; ")}`, field(index));
  });
}

/** Checks every current item against new schemas; refuses the change with the first failures. */
export async function assertCurrentItemsMatch(datasetId: string, validators: ItemValidators): Promise<void> {
  const failures: string[] = [];
  let count = 0;
  let inputFailures = 0;
  let after = 0;
  for (;;) {
    const rows = await db.datasetItem.findMany({
      where: { datasetId, validTo: null, importId: null, ordinal: { gt: after } },
      orderBy: { ordinal: "asc" },
      take: 500,
      select: { ordinal: true, input: true, expectedOutput: true },
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.ordinal;
    for (const row of rows) {
      const problems = schemaViolations(validators, row);
      if (problems.length === 0) continue;
      count += 1;
      if (problems.some((p) => p.startsWith("input:"))) inputFailures += 1;
      if (failures.length < 5) failures.push(`item #${row.ordinal}: ${problems[0]}`);
    }
  }
  if (count > 0) {
    throw conflict(
      `${count} current item${count === 1 ? " does" : "s do"} not match the new schema, so it was not saved. ${failures.join("; ")}${count > failures.length ? "; …" : ""}`,
      inputFailures > 0 ? "inputSchema" : "expectedSchema",
    );
  }
}
