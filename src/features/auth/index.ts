/** The auth feature's browser-safe entry: its zod schemas and types. */
export * from "./schemas";
