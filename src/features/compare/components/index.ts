/** The compare feature's React entry. */
export { ComparePage } from "./compare-page";
