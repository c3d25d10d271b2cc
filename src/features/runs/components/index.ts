/** The runs feature's React entry. */
export { DatasetRuns } from "./dataset-runs";
export { RunDetail } from "./run-detail";
export { RunDialog } from "./run-dialog";
export { RunsPage } from "./runs-page";
export { RUN_STATUS_LABELS } from "./run-status-badge";
export { ScoreChip } from "./score-chip";
