import { spawn, type ChildProcess } from "node:child_process";

/**
 * A second production server started with TRIALRUN_ADMIN_PASSWORD, for the
 * specs that need sign-in (the config's server runs without one). The build
 * is already there: the config's server made sure of it.
 */
export class PasswordServer {
  readonly base: string;
  private server: ChildProcess | undefined;
  private output = "";

  constructor(
    private readonly port: number,
    private readonly password: string,
    private readonly name: string,
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  /** Starts it and resolves once /api/health answers. */
  async start(timeoutMs: number): Promise<void> {
    const server = spawn(process.execPath, ["src/bin/start.mjs"], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: "127.0.0.1",
        DATABASE_URL: `file:./data/e2e/${this.name}-${Date.now()}.db`,
        TRIALRUN_ADMIN_PASSWORD: this.password,
        TRIALRUN_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.server = server;
    server.stdout?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`The ${this.name} server exited (${server.exitCode}):\n${this.output}`);
      try {
        if ((await fetch(`${this.base}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`The ${this.name} server did not start:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** SIGTERM, and SIGKILL if it has not exited after 5 s. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
}
