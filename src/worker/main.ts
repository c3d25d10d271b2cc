/**
 * The engine worker: a process of its own that executes runs, so a fast run
 * never competes with the web server for its thread (`npm start` starts it
 * beside the server with TRIALRUN_RUNS_EXECUTE_IN=worker). It picks up pending
 * runs, resumes interrupted ones, stops cancelled ones, and drains on
 * SIGTERM/SIGINT — the same engine and lease rules as in-process execution.
 */
import { abortLocalRun, startEngineSignals, startRun, startShardWorkers, startRunSupervisor } from "@/features/runs/engine";
import { dialect } from "@/server/dialect";
import { forwardRunChanges } from "@/server/run-changes";
import { logger } from "@/server/logger";

// Started by src/bin/start.mjs with an IPC channel: when that process dies
// (even by SIGKILL) the channel closes, and the worker goes too — like a crash,
// leaving its runs to the next worker to resume.
if (process.send) {
  process.on("disconnect", () => process.exit(1));
  // The web server answers polls from a cache that a run's changes invalidate (src/server/run-changes.ts).
  forwardRunChanges((runId, change) => {
    if (process.connected) process.send?.({ type: "run-changed", runId, change });
  });
  // The server announces new runs; startRun takes the lease, so a run it also
  // finds by polling is still executed once.
  process.on("message", (message: { type?: string; runId?: string; seq?: number }) => {
    if (typeof message?.runId !== "string") return;
    if (message.type === "run") void startRun(message.runId);
    if (message.type === "stop") {
      // A cancel committed in the web server: abort the run's calls now, then
      // confirm, so the cancel answers only once no new call can start here.
      abortLocalRun(message.runId, "cancelled");
      if (process.connected) process.send?.({ type: "stopped", seq: message.seq });
    }
  });
}

// One stop drains once. A stop under a process manager signals the whole
// process group, so this worker gets SIGTERM from the manager and again from
// its parent (src/bin/start.mjs), which forwards the stop: the first one
// drains (the supervisor's handler), later ones are ignored here — without a
// listener a second SIGTERM would kill the worker mid-drain, aborting its
// in-flight calls and leaving its leases to expire.
let stopping = false;
const onStopSignal = (signal: NodeJS.Signals) => {
  if (stopping) {
    logger.info("already draining; signal ignored", { signal });
    return;
  }
  stopping = true;
  // Before the supervisor is up (it adds its own listener), no run executes here.
  if (process.listenerCount(signal) <= 1) process.exit(0);
};
process.on("SIGTERM", onStopSignal);
process.on("SIGINT", onStopSignal);

// On PostgreSQL, workers on every host hear of new and cancelled runs at once.
if (dialect === "postgres") {
  startEngineSignals({ executesRuns: true });
  // Ready means ready to take shards: the job queue (its schema created or
  // upgraded by the first worker) is up before the first run is offered.
  await startShardWorkers();
}
await startRunSupervisor("worker");
// The supervisor's timers do not keep a process alive (in the web server they
// must not); the worker has nothing else to do, so it holds itself open.
setInterval(() => {}, 60_000);
logger.info("engine worker ready", { pid: process.pid });
