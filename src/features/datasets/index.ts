/** The datasets feature's browser-safe entry: its zod schemas and types, and the loose-JSON rule of the item form. */
export * from "./schemas";
export { JSON_RULE_HINT, parseLooseJson } from "./components/json-text";
