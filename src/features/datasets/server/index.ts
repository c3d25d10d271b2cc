/** The datasets feature's server entry: items for the engine, import and export (Node and the database). */
export { itemsAtVersion, type StoredItemRow } from "./item-service";
export { cleanupAbandonedImports, importItems, ImportTooLarge } from "../import/import-service";
export { IMPORT_FORMATS, importMappingSchema, mappingProblems, type ImportFormat } from "../import/mapping";
export { datasetItemPages } from "../export/item-pages";
