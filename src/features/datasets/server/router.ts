import { z } from "zod";
import { idInput } from "@/lib/api-schemas";
import { createTRPCRouter, mutation, protectedProcedure, query } from "@/server/trpc";
import {
  addItemInput,
  addItemsInput,
  createDatasetInput,
  datasetDetailOutput,
  datasetVersionsOutput,
  itemHistoryOutput,
  itemIdInput,
  datasetOutput,
  deleteItemsInput,
  itemOutput,
  itemPageOutput,
  listDatasetsInput,
  listItemsInput,
  updateDatasetInput,
  updateItemInput,
} from "../schemas";
import { createDataset, deleteDataset, getDataset, listDatasets, updateDataset } from "./dataset-service";
import { createDemoDataset } from "./demo-dataset";
import { addItems, deleteItems, itemHistory, listItems, listVersions, updateItem } from "./item-service";

export const datasetsRouter = createTRPCRouter({
  list: query(listDatasetsInput, z.array(datasetOutput), listDatasets),
  get: query(idInput, datasetDetailOutput, ({ id }) => getDataset(id)),
  create: mutation(createDatasetInput, datasetOutput, createDataset),
  update: mutation(updateDatasetInput, datasetOutput, updateDataset),
  /** The dataset's versions, newest first, with what each change did. */
  versions: query(idInput, datasetVersionsOutput, ({ id }) => listVersions(id)),
  createDemo: protectedProcedure.output(datasetOutput).mutation(() => createDemoDataset()),
  delete: mutation(idInput, z.object({ id: z.string() }), ({ id }) => deleteDataset(id)),
});

export const itemsRouter = createTRPCRouter({
  list: query(listItemsInput, itemPageOutput, listItems),
  add: mutation(addItemInput, z.object({ version: z.number(), itemId: z.string() }), async (input) => {
    const { version, itemIds } = await addItems(input.datasetId, [input.item], { field: () => "item" });
    return { version, itemId: itemIds[0]! };
  }),
  bulkAdd: mutation(addItemsInput, z.object({ version: z.number(), itemIds: z.array(z.string()) }), ({ datasetId, items }) => addItems(datasetId, items)),
  /** Every version of one item, oldest first. */
  history: query(itemIdInput, itemHistoryOutput, ({ itemId }) => itemHistory(itemId)),
  update: mutation(updateItemInput, itemOutput, updateItem),
  delete: mutation(deleteItemsInput, z.object({ deleted: z.number(), version: z.number().nullable() }), ({ itemIds }) => deleteItems(itemIds)),
});
