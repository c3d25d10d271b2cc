import { defineUrlState, urlField } from "@/components/use-url-state";
import { COMPARE_LIMITS, compareItemFilterSchema, compareItemsInput } from "../schemas";

/**
 * The whole comparison lives in the address, so it can be shared, reloaded and
 * stepped through with Back: the runs picked (?dataset=&baseline=&candidate=a,b),
 * the candidate shown, and the item table's scorer, filter, sort, view and page.
 */
export const compareView = defineUrlState({
  dataset: urlField.id(),
  baseline: urlField.id(),
  candidate: urlField.idList(COMPARE_LIMITS.candidatesMax + 1),
  /** The candidate shown when there are several; the first by default. */
  shown: urlField.id(),
  scorer: urlField.text(60),
  filter: urlField.oneOf(compareItemFilterSchema.options, "all"),
  sort: urlField.oneOf(compareItemsInput.shape.sort.unwrap().options, "ordinal"),
  view: urlField.oneOf(["table", "diff"], "table"),
  page: urlField.page(),
});
export type CompareView = typeof compareView.defaults;
export type SetCompareView = (patch: Partial<CompareView>) => void;
/** A new choice of runs starts the item table afresh. */
export const FRESH_ITEMS = { shown: "", scorer: "", filter: "all", sort: "ordinal", view: "table", page: 1 } as const satisfies Partial<CompareView>;
