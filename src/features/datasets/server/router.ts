import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "@/server/trpc";
import {
  addItemInput,
  addItemsInput,
  createDatasetInput,
  datasetDetailOutput,
  datasetIdInput,
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
  list: protectedProcedure
    .input(listDatasetsInput)
    .output(z.array(datasetOutput))
    .query(({ input }) => listDatasets(input)),
  get: protectedProcedure
    .input(datasetIdInput)
    .output(datasetDetailOutput)
    .query(({ input }) => getDataset(input.id)),
  create: protectedProcedure
    .input(createDatasetInput)
    .output(datasetOutput)
    .mutation(({ input }) => createDataset(input)),
  update: protectedProcedure
    .input(updateDatasetInput)
    .output(datasetOutput)
    .mutation(({ input }) => updateDataset(input)),
  /** The dataset's versions, newest first, with what each change did. */
  versions: protectedProcedure
    .input(datasetIdInput)
    .output(datasetVersionsOutput)
    .query(({ input }) => listVersions(input.id)),
  createDemo: protectedProcedure.output(datasetOutput).mutation(() => createDemoDataset()),
  delete: protectedProcedure
    .input(datasetIdInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ input }) => deleteDataset(input.id)),
});

export const itemsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(listItemsInput)
    .output(itemPageOutput)
    .query(({ input }) => listItems(input)),
  add: protectedProcedure
    .input(addItemInput)
    .output(z.object({ version: z.number(), itemId: z.string() }))
    .mutation(async ({ input }) => {
      const { version, itemIds } = await addItems(input.datasetId, [input.item], { field: () => "item" });
      return { version, itemId: itemIds[0]! };
    }),
  bulkAdd: protectedProcedure
    .input(addItemsInput)
    .output(z.object({ version: z.number(), itemIds: z.array(z.string()) }))
    .mutation(({ input }) => addItems(input.datasetId, input.items)),
  /** Every version of one item, oldest first. */
  history: protectedProcedure
    .input(itemIdInput)
    .output(itemHistoryOutput)
    .query(({ input }) => itemHistory(input.itemId)),
  update: protectedProcedure
    .input(updateItemInput)
    .output(itemOutput)
    .mutation(({ input }) => updateItem(input)),
  delete: protectedProcedure
    .input(deleteItemsInput)
    .output(z.object({ deleted: z.number(), version: z.number().nullable() }))
    .mutation(({ input }) => deleteItems(input.itemIds)),
});
