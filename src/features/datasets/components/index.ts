/** The datasets feature's React entry. */
export { DatasetDetail } from "./dataset-detail";
export { DatasetsPage } from "./datasets-page";
