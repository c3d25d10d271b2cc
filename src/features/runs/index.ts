/** The runs feature's browser-safe entry: the lifecycle, zod schemas and the score figures. */
export * from "./status";
export * from "./schemas";
export { isFlaky, itemMove, scoreFigures, type ItemMove, type ItemSide } from "./metrics";
