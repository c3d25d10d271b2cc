/** The scorers feature's browser-safe entry: every scorer's config schema, label and defaults. */
export * from "./schemas";
