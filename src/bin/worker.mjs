#!/usr/bin/env node
// `npm run worker`: an engine worker alone — no dashboard, no API. It applies
// pending migrations, builds itself if its sources changed, then executes
// runs until SIGTERM/SIGINT, when it drains (src/worker/main.ts). Start as
// many as the runs need, on any host that shares the database: each has its
// own lease identity, and a run is executed by one of them at a time.
// (`npm start` starts a web server with one worker of its own; TRIALRUN_WORKERS=0 starts none.)
import v8 from "node:v8";
import { buildWorkerIfStale, prepareDatabase, workerEntry, workerV8Flags } from "./prepare.mjs";

process.env.DATABASE_URL = await prepareDatabase();
buildWorkerIfStale();
// The same heap rule as the worker that `npm start` starts (workerV8Flags in ./prepare.mjs says why).
for (const flag of workerV8Flags(process.env.DATABASE_URL)) v8.setFlagsFromString(flag);
process.env.NODE_ENV ??= "production";
process.env.TRIALRUN_RUNS_EXECUTE_IN = "worker";
// The worker's statements may wait for SQLite's lock on its thread (src/server/db.ts).
process.env.TRIALRUN_ENGINE_WORKER = "1";
await import(workerEntry);
