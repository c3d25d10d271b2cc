#!/usr/bin/env node
// `npm start`: apply migrations, build if the build is missing or older than
// the sources, then serve the production app. No environment required:
// SQLite under ./data, port 3000 (PORT and HOST override).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import os from "node:os";
import v8 from "node:v8";
import fs from "node:fs";
import path from "node:path";
import { clearTimeout, setInterval, setTimeout } from "node:timers";
import { apiEntry, buildAppIfStale, buildWorkerIfStale, prepareDatabase, root, workerEntry, workerV8Flags } from "./prepare.mjs";

const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";

// Stopping. Under a process manager a stop can arrive more than once: systemd
// signals the whole process group (this process and the engine worker), npm
// forwards its own SIGTERM to this process. The first SIGTERM/SIGINT drains,
// further ones are ignored, so a second signal never cuts a drain short.
const graceMs = Number(process.env.TRIALRUN_SHUTDOWN_GRACE_MS ?? 10_000);
let stopping = false;
let worker = null;
function onStopSignal(signal) {
  if (stopping) {
    console.log(`Already stopping; ${signal} ignored.`);
    return;
  }
  stopping = true;
  // Whatever the drain does, this process ends: the worker has its own grace
  // bound (TRIALRUN_SHUTDOWN_GRACE_MS); this one is the backstop.
  setTimeout(() => process.exit(0), graceMs + 5_000).unref();
  if (process.env.TRIALRUN_RUNS_EXECUTE_IN === "worker") {
    if (!worker) process.exit(0);
    // The worker drains its runs and releases their leases. If it already got
    // this signal from the process group, it ignores this one.
    worker.once("exit", (code, workerSignal) => {
      if (code === 0) process.exit(0);
      console.error(`The engine worker did not drain cleanly (exit ${code ?? workerSignal}); its runs resume when their leases expire.`);
      process.exit(1);
    });
    worker.kill(signal);
    return;
  }
  // Runs execute in this process: the run supervisor (src/features/runs/engine/supervisor.ts)
  // listens for the same signal, drains and exits. Before it is up, no run executes here.
  if (process.listenerCount(signal) <= 1) process.exit(0);
}
process.on("SIGTERM", onStopSignal);
process.on("SIGINT", onStopSignal);

// When npm, which started this one (`npm start`), goes away without stopping
// it — under Docker, PM2 or systemd with `npm start` as the command, the
// manager signals npm's pid and npm exits at once — this process would run on
// (with its worker) as an orphan. So it watches: npm runs a script through
// `sh -c`, which may stay between npm and this process; when this process or
// that shell is re-parented (npm gone, even by SIGKILL), it stops as if
// signalled. Only under npm: a process started otherwise (`nohup node …`, a
// supervisor) is meant to outlive its parent. (Node has no parent-death
// signal, hence the poll; it costs next to nothing.)
function parentOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null; // not Linux, or gone
  }
}
function commandOf(pid) {
  try {
    return path.basename(fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim());
  } catch {
    return "";
  }
}
const startedBy = process.ppid;
const underNpm = Boolean(process.env.npm_lifecycle_event);
const scriptShell = underNpm && ["sh", "dash", "bash"].includes(commandOf(startedBy)) ? startedBy : null;
const shellStartedBy = scriptShell === null ? null : parentOf(scriptShell);
if (underNpm && startedBy > 1) {
  setInterval(() => {
    if (stopping) return;
    let gone = null;
    if (process.ppid !== startedBy) gone = startedBy;
    else if (shellStartedBy !== null && shellStartedBy > 1 && parentOf(scriptShell) !== shellStartedBy) gone = shellStartedBy;
    if (gone === null) return;
    console.log(`The process that started Trialrun (pid ${gone}) has exited; stopping.`);
    process.emit("SIGTERM", "SIGTERM");
  }, 500).unref();
}

const databaseUrl = await prepareDatabase();
buildAppIfStale();

// Runs execute in separate engine worker processes by default, so a fast run
// never competes with the dashboard for this process's thread.
// TRIALRUN_WORKERS=0 starts a web instance only: its runs execute in workers
// started elsewhere (`npm run worker`, src/bin/worker.mjs), on any host that
// shares the database.
process.env.TRIALRUN_RUNS_EXECUTE_IN ??= "worker";
const workers = process.env.TRIALRUN_WORKERS?.trim() || "1";
if (workers !== "0" && workers !== "1") {
  console.error(
    `TRIALRUN_WORKERS: expected 1 (the default: this instance starts an engine worker) or 0 (web only; run workers with \`npm run worker\`), got "${workers}".`,
  );
  process.exit(1);
}
const useWorker = process.env.TRIALRUN_RUNS_EXECUTE_IN === "worker" && workers === "1";
buildWorkerIfStale();

// Serve in this process (Next's programmatic server) rather than in a child:
// a signal to this process reaches the app, and a kill leaves no orphan.
// The same heap rule as the engine worker's (WORKER_NODE_FLAGS below): the
// server allocates fast while it serves polls and imports but keeps little
// alive. Measured during a 100k-item run with 50 pollers on a fresh server:
// RSS growth 132-150 MB without it, 80-111 MB with it; poll latency alike.
v8.setFlagsFromString("--heap-growing-percent=20");
// A young generation of up to 32 MB (V8's default here: 16): a large request
// (a batch of bulk adds, 3 MB of JSON) kept alive across more scavenges held
// the thread longer. /api/health during that batch on a fresh server, four
// runs each: 188-276 ms with 16 MB, 139-187 ms with 32 MB.
v8.setFlagsFromString("--max-semi-space-size=32");
process.env.NODE_ENV = "production";
process.env.DATABASE_URL = databaseUrl;
process.env.NEXT_TELEMETRY_DISABLED = "1";
// The app drains runs on SIGTERM/SIGINT itself (src/features/runs/engine/supervisor.ts).
process.env.NEXT_MANUAL_SIG_HANDLE = "true";

const { default: next } = await import("next");
const app = next({ dev: false, dir: root, hostname: host, port: Number(port) });
const handle = app.getRequestHandler();
await app.prepare();
// Next.js loads every page's modules after prepare(), in the background: about
// 1.5 s of this thread, during which the first requests waited up to 340 ms
// (/api/health included). Ready means ready: wait for those modules first
// (the second pass finds them loaded, or loads what the first has not reached).
// (Next.js internals, hence every step optional: without them, start as before.)
await (await app.server?.getServer?.())?.unstable_preloadEntries?.();
// API calls skip Next.js routing (src/server/http/node-api.ts says why); pages and other routes go through Next.
const { serveTrpc } = await import(apiEntry);
// Each connection's address, for the auth failure limit (src/features/auth/server/rate-limit.ts):
// a header that only this process sets — a client's own copy is overwritten,
// and the value carries a token of this process, which the app checks.
const peerToken = crypto.randomBytes(16).toString("hex");
globalThis[Symbol.for("trialrun.peerToken")] = peerToken;
// A path that cannot be decoded (an invalid percent-encoding such as %FF) is
// the caller's mistake: Next.js's router answers it with a 500, so it is
// answered here, before routing, with a 400 that says what is wrong.
function hasInvalidPercentEncoding(url) {
  const pathname = url.split("?", 1)[0];
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
const server = http.createServer((req, res) => {
  req.headers["x-trialrun-peer"] = `${peerToken} ${req.socket.remoteAddress ?? ""}`;
  // (tRPC paths get the same answer in tRPC's error shape: src/server/http/node-api.ts.)
  if (req.url && !req.url.startsWith("/api/trpc/") && hasInvalidPercentEncoding(req.url)) {
    const message = "The URL path holds an invalid percent-encoding (such as %FF): each % must start a valid UTF-8 escape like %C3%A9.";
    const body = req.url.startsWith("/api/") ? JSON.stringify({ ok: false, error: message, field: "url" }) : message;
    res.writeHead(400, { "content-type": req.url.startsWith("/api/") ? "application/json" : "text/plain; charset=utf-8", connection: "close" });
    res.end(body);
    req.resume();
    return;
  }
  (req.url?.startsWith("/api/trpc/") ? serveTrpc(req, res) : handle(req, res)).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.on("error", (error) => {
  console.error(`Could not listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(Number(port), host, () => {
  console.log(`Trialrun is ready on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
  if (useWorker) startWorker();
});

// The engine worker: restarted if it dies; stopped (drained) with this process.
// Its IPC channel closes when this process dies, even by SIGKILL, and it exits too.
// The web server (same process) tells the worker about a new or re-queued run
// at once (src/features/runs/engine/start-run.ts); the worker's poll is the fallback.
// A cancel tells the worker too, and waits for its answer that the run's calls are aborted.
let stopSeq = 0;
const stopsAwaitingAnswer = new Map();
globalThis[Symbol.for("trialrun.engineWorker")] = {
  notify(runId) {
    if (worker?.connected) worker.send({ type: "run", runId });
  },
  stop(runId, timeoutMs) {
    if (!worker?.connected) return Promise.resolve(false);
    const seq = ++stopSeq;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stopsAwaitingAnswer.delete(seq);
        resolve(false);
      }, timeoutMs);
      stopsAwaitingAnswer.set(seq, () => {
        clearTimeout(timer);
        resolve(true);
      });
      worker.send({ type: "stop", runId, seq });
    });
  },
};
// The worker's heap rule depends on the database (workerV8Flags in ./prepare.mjs says why).
const WORKER_NODE_FLAGS = workerV8Flags(databaseUrl);
function startWorker() {
  if (stopping) return;
  // TRIALRUN_ENGINE_WORKER: the worker's statements may wait for SQLite's lock on its thread (src/server/db.ts).
  const env = { ...process.env, TRIALRUN_ENGINE_WORKER: "1" };
  worker = spawn(process.execPath, [...WORKER_NODE_FLAGS, workerEntry], { cwd: root, stdio: ["ignore", "inherit", "inherit", "ipc"], env });
  // When cores are short, the dashboard and the API come before the engine:
  // the worker runs at the lowest CPU priority (it still gets all idle time).
  // Measured under 50 pollers during a 100k-item run: runs.get p99 fell from
  // 25 ms at niceness 10 to 14 ms at 19, with engine throughput unchanged.
  try {
    os.setPriority(worker.pid, 19);
  } catch {
    // not permitted here: run at the same priority
  }
  // The worker reports each change to a run, for the cache of polled run pages (src/server/run-changes.ts).
  worker.on("message", (message) => {
    if (message?.type === "run-changed" && typeof message.runId === "string") globalThis[Symbol.for("trialrun.runChanged")]?.(message.runId, message.change);
    if (message?.type === "stopped") {
      stopsAwaitingAnswer.get(message.seq)?.();
      stopsAwaitingAnswer.delete(message.seq);
    }
  });
  worker.on("exit", (code, signal) => {
    worker = null;
    if (stopping) return;
    console.error(`The engine worker exited (${code ?? signal}); restarting it.`);
    setTimeout(startWorker, 1000);
  });
}
