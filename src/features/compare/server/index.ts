/** The compare feature's server entry (the database). */
export { compareItems } from "./compare-service";
