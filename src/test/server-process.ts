import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createTrialrunClient } from "@/client";

/** The production server (`node src/bin/start.mjs`) as a child process on a fresh database. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  readonly url: string;
  readonly dbFile: string;
  readonly client;
  log = "";

  constructor(
    readonly port: number,
    name: string,
    /** The process to start: the web server (`npm start`) or an engine worker alone (`npm run worker`). */
    private readonly script: "src/bin/start.mjs" | "src/bin/worker.mjs" = "src/bin/start.mjs",
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.dbFile = path.resolve(`data/system/${name}-${Date.now()}.db`);
    fs.mkdirSync(path.dirname(this.dbFile), { recursive: true });
    this.client = createTrialrunClient({ url: this.url });
  }

  /** Starts the server and resolves when /api/health answers; returns the ms that took. */
  async start(env: Record<string, string> = {}): Promise<number> {
    const started = Date.now();
    // TRIALRUN_CPU_PROF_DIR: each started process writes a V8 CPU profile there when it stops (`npm run bench`, README).
    const profile = process.env.TRIALRUN_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.TRIALRUN_CPU_PROF_DIR}`] : [];
    this.child = spawn(process.execPath, [...profile, this.script], {
      env: { ...process.env, PORT: String(this.port), HOST: "127.0.0.1", DATABASE_URL: `file:${this.dbFile}`, TRIALRUN_LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (chunk: Buffer) => (this.log += chunk.toString()));
    this.child.stderr?.on("data", (chunk: Buffer) => (this.log += chunk.toString()));
    if (this.script === "src/bin/worker.mjs") return this.workerReady(started);
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`server exited during start:\n${this.log.slice(-2000)}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return Date.now() - started;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 120_000) throw new Error(`server did not start:\n${this.log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A worker serves nothing: it is ready when it says so. */
  private async workerReady(started: number): Promise<number> {
    for (;;) {
      if (this.child?.exitCode !== null) throw new Error(`worker exited during start:\n${this.log.slice(-2000)}`);
      if (this.log.includes("engine worker ready")) return Date.now() - started;
      if (Date.now() - started > 120_000) throw new Error(`worker did not start:\n${this.log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Process id of the server (src/bin/start.mjs), while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Sends a signal and waits for the process to exit. */
  async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(signal);
    await exited;
    this.child = null;
  }
}
