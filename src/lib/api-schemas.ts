import { z } from "zod";

// Zod fragments that the features' API schemas share, so that an id or a page means the same everywhere.

export const idSchema = z.string().trim().min(1, "is required").max(64, "is too long");

/** `{ id }`: the input of the procedures that read or change one record. */
export const idInput = z.object({ id: idSchema });

/** A 1-based page of a list: at most `maxSize` rows, `defaultSize` when the caller does not say (spread into an input). */
export function pageInput(maxSize: number, defaultSize: number) {
  return {
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(maxSize).default(defaultSize),
  };
}

/** Where a page of rows stands in the whole list (spread into an output beside the rows). */
export const pagePosition = {
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
};
