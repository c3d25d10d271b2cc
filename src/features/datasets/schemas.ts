import { z } from "zod";
import { idSchema, pageInput, pagePosition } from "@/lib/api-schemas";
import { jsonObjectSchema, jsonRecordSchema, jsonValueSchema } from "@/lib/json";

/** Limits that keep one request or one item from hurting the server. */
export const DATASET_LIMITS = {
  nameMaxLength: 100,
  descriptionMaxLength: 2000,
  itemMaxBytes: 256 * 1024,
  itemsPerBulkCall: 1000,
  pageSizeMax: 200,
} as const;

// The other features import idSchema from this entry.
export { idSchema };

export const datasetNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(DATASET_LIMITS.nameMaxLength, `Name must be at most ${DATASET_LIMITS.nameMaxLength} characters`);

export const createDatasetInput = z.object({
  name: datasetNameSchema,
  description: z.string().trim().max(DATASET_LIMITS.descriptionMaxLength).default(""),
});
export type CreateDatasetInput = z.input<typeof createDatasetInput>;

// Not z.record: that drops a `__proto__` key.
const jsonSchemaObject = jsonRecordSchema;

export const updateDatasetInput = z.object({
  id: idSchema,
  name: datasetNameSchema.optional(),
  description: z.string().trim().max(DATASET_LIMITS.descriptionMaxLength).optional(),
  /** A JSON Schema every item input must match; null removes it. */
  inputSchema: jsonSchemaObject.nullable().optional(),
  /** A JSON Schema every expected output must match; null removes it. */
  expectedSchema: jsonSchemaObject.nullable().optional(),
});

export const listDatasetsInput = z
  .object({
    search: z.string().trim().max(200).optional(),
  })
  .default({});

// Not z.record: that drops a `__proto__` key, and any key of a JSON object is kept.
const metadataSchema = jsonObjectSchema;

function withinItemSize(value: unknown): boolean {
  return JSON.stringify(value ?? null).length <= DATASET_LIMITS.itemMaxBytes;
}

export const itemFieldsSchema = z
  .object({
    input: jsonValueSchema,
    expectedOutput: jsonValueSchema.nullish(),
    metadata: metadataSchema.nullish(),
  })
  .refine(withinItemSize, { message: `An item must be at most ${DATASET_LIMITS.itemMaxBytes / 1024} KiB as JSON` });
export type ItemFields = z.infer<typeof itemFieldsSchema>;

export const addItemInput = z.object({
  datasetId: idSchema,
  item: itemFieldsSchema,
});

export const addItemsInput = z.object({
  datasetId: idSchema,
  items: z
    .array(itemFieldsSchema)
    .min(1, "At least one item is required")
    .max(DATASET_LIMITS.itemsPerBulkCall, `At most ${DATASET_LIMITS.itemsPerBulkCall} items per call`),
});

export const updateItemInput = z.object({
  itemId: idSchema,
  input: jsonValueSchema.optional(),
  expectedOutput: jsonValueSchema.nullish(),
  metadata: metadataSchema.nullish(),
});

export const deleteItemsInput = z.object({
  itemIds: z.array(idSchema).min(1, "At least one item is required").max(DATASET_LIMITS.itemsPerBulkCall),
});

export const listItemsInput = z.object({
  datasetId: idSchema,
  ...pageInput(DATASET_LIMITS.pageSizeMax, 50),
  search: z.string().trim().max(200).optional(),
  /** A past dataset version; the current one when omitted. */
  version: z.number().int().min(0).optional(),
});

// ---- outputs (what the dashboard and the typed client receive) ----

export const datasetOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  inputSchema: jsonRecordSchema.nullable(),
  expectedSchema: jsonRecordSchema.nullable(),
  version: z.number(),
  itemCount: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type DatasetDto = z.infer<typeof datasetOutput>;

export const datasetDetailOutput = datasetOutput.extend({
  runCount: z.number(),
  lastRunAt: z.date().nullable(),
});

export const itemOutput = z.object({
  /** Stable id of the item across versions; use it to edit or delete. */
  itemId: z.string(),
  /** Id of this version of the item. */
  versionId: z.string(),
  /** Position of the item in its dataset, from 1. */
  ordinal: z.number(),
  input: jsonValueSchema,
  expectedOutput: jsonValueSchema.nullable(),
  metadata: jsonValueSchema.nullable(),
  version: z.number(),
  createdAt: z.date(),
});
export type ItemDto = z.infer<typeof itemOutput>;

export const itemPageOutput = z.object({
  items: z.array(itemOutput),
  ...pagePosition,
  version: z.number(),
});

export const itemIdInput = z.object({ itemId: idSchema });

export const itemHistoryOutput = z.array(
  itemOutput.extend({
    /** The dataset version from which this version of the item is gone (edited or deleted); null while current. */
    validTo: z.number().nullable(),
  }),
);

export const datasetVersionsOutput = z.array(
  z.object({ version: z.number(), added: z.number(), edited: z.number(), deleted: z.number(), note: z.string(), createdAt: z.date() }),
);
