/** The runs feature's server entry: a run's stored config, item statistics and result pages (Node and the database). */
export { runScorerNames, runTargetKind } from "../run-config";
export { itemStats, scoreCountsOf, type ItemStats } from "./item-stats";
export { runResultPages } from "./result-pages";
