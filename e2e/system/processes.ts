import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createTrialrunClient } from "@/client";

export { openSqlite, type SqliteConnection } from "@/test/sqlite";

/** Process ids whose process group is `pgid` (Linux /proc). */
export function processGroupMembers(pgid: number): { pid: number; command: string }[] {
  const members: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // state ppid pgrp …; a zombie has exited already (only its parent has not reaped it).
      if (Number(fields[2]) !== pgid || fields[0] === "Z") continue;
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      members.push({ pid: Number(entry), command });
    } catch {
      // exited while listed
    }
  }
  return members;
}

/** Waits until no process of the group is left; returns the survivors after `timeoutMs`. */
export async function waitForGroupToExit(pgid: number, timeoutMs: number): Promise<{ pid: number; command: string }[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const members = processGroupMembers(pgid);
    if (members.length === 0 || Date.now() > deadline) return members;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `npm start` or `node src/bin/start.mjs` as a service manager runs it: in a
 * process group of its own (so the group can be signalled as systemd does).
 */
export class ServiceProcess {
  child: ChildProcess | null = null;
  log = "";
  readonly url: string;
  readonly client;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;

  constructor(
    readonly port: number,
    readonly dbFile: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.client = createTrialrunClient({ url: this.url });
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  }

  /** Starts it and resolves when /api/health answers and the engine worker is ready; returns the ms that took. */
  async start(command: "node" | "npm" = "node", env: Record<string, string> = {}): Promise<number> {
    const started = Date.now();
    this.log = "";
    const [file, args] = command === "npm" ? ["npm", ["start", "--silent"]] : [process.execPath, ["src/bin/start.mjs"]];
    const child = spawn(file, args, {
      detached: true,
      env: { ...process.env, PORT: String(this.port), HOST: "127.0.0.1", DATABASE_URL: `file:${this.dbFile}`, TRIALRUN_LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.exit = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    child.stdout?.on("data", (chunk: Buffer) => (this.log += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (this.log += chunk.toString()));
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${command} exited during start:\n${this.log.slice(-2000)}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok && this.log.includes("engine worker ready")) return Date.now() - started;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 120_000) throw new Error(`${command} did not start:\n${this.log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The process group (its leader is the spawned process). */
  get pgid(): number {
    if (!this.child?.pid) throw new Error("not started");
    return this.child.pid;
  }
}
