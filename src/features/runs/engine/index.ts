/**
 * The run engine's entry, for the processes that execute runs (the web server and the engine worker).
 * It is an entry of its own so that the worker loads the engine without the web side.
 */
export { abortLocalRun } from "./run-controls";
export { startEngineSignals, startRun } from "./start-run";
export { startRunSupervisor } from "./supervisor";
export { startShardWorkers, stopJobQueue } from "./dispatch/pg-boss";
