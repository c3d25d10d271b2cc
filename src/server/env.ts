import path from "node:path";
import { z } from "zod";
import { CLIENT_BATCH_MAX_ITEMS } from "@/lib/trpc/batch";

/**
 * Environment, read once and validated. Every variable has a default so that
 * `npm start` works with no configuration at all.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** file:… — SQLite, the embedded default; postgres://… or postgresql://… — PostgreSQL, for a team. */
    DATABASE_URL: z
      .string()
      .trim()
      .regex(
        /^(file:.+|postgres(ql)?:\/\/.+)/,
        "expected a SQLite file URL such as file:./data/trialrun.db, or a PostgreSQL URL such as postgresql://user:password@host:5432/trialrun",
      )
      .default("file:./data/trialrun.db"),
    /** Upper bound on the concurrency any single run may ask for. */
    TRIALRUN_MAX_RUN_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(200),
    /** Milliseconds between flushes of buffered results to the database. */
    TRIALRUN_FLUSH_INTERVAL_MS: z.coerce.number().int().min(10).max(10_000).default(250),
    /** Results (items × repetitions) per shard of a run; by default from the run's concurrency (src/features/runs/engine/shards.ts). */
    TRIALRUN_SHARD_SIZE: z.coerce.number().int().min(1).max(1_000_000).optional(),
    /** Target calls in flight per shard on PostgreSQL: a run of concurrency C executes ceil(C / this) shards at once, on any workers. */
    TRIALRUN_SHARD_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
    /** Shard executions a worker takes at once on PostgreSQL (pg-boss handlers). */
    TRIALRUN_WORKER_SLOTS: z.coerce.number().int().min(1).max(100).default(8),
    /** Upper bound on target calls in flight across all runs of this process. */
    TRIALRUN_MAX_TOTAL_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(1000),
    /** The host's name in run leases (default: the host name); set it when two hosts sharing a database have the same name. */
    TRIALRUN_INSTANCE_ID: z.string().trim().min(1).max(100).optional(),
    /** How long in-flight items may finish on SIGTERM/SIGINT before they are aborted. */
    TRIALRUN_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    /** Largest API request body accepted, in bytes. */
    TRIALRUN_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    /**
     * How long a request waits in all for SQLite's write lock while another
     * process holds it, before it answers 503 (src/server/db-busy.ts).
     */
    TRIALRUN_DB_WRITE_WAIT_MS: z.coerce.number().int().min(0).max(120_000).default(5_000),
    /**
     * Most procedures one batched API request may call (`/api/trpc/a,b,c?batch=1`);
     * a larger batch is refused with 400. Not below the dashboard's own batch size.
     */
    TRIALRUN_MAX_BATCH_SIZE: z.coerce.number().int().min(CLIENT_BATCH_MAX_ITEMS).max(1000).default(CLIENT_BATCH_MAX_ITEMS),
    /** Largest file one dataset import may send, in bytes (counted as it arrives); a larger one is refused with 413. */
    TRIALRUN_MAX_IMPORT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024 * 1024)
      .default(256 * 1024 * 1024),
    /** Largest number of items one dataset may hold. */
    TRIALRUN_MAX_DATASET_ITEMS: z.coerce.number().int().min(1).default(1_000_000),
    /** 32 bytes (hex or base64) that encrypt stored secrets; generated into the data folder when unset. */
    TRIALRUN_SECRET_KEY: z.string().trim().min(1).optional(),
    /** Turns authentication on: the dashboard asks for this password, the API for a session or an API key. */
    TRIALRUN_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
    /**
     * Whether X-Forwarded-For (and X-Real-IP) name the client, for the auth rate
     * limit: only behind a reverse proxy that sets them. Unset/false: the
     * connection's address counts and forwarded headers are ignored; true (or 1):
     * one proxy in front, the address it appended counts; N: N proxies in front.
     */
    TRIALRUN_TRUST_PROXY: z
      .string()
      .trim()
      .toLowerCase()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === "" || value === "false" || value === "0") return 0;
        if (value === "true") return 1;
        const hops = Number(value);
        if (Number.isInteger(hops) && hops >= 1 && hops <= 10) return hops;
        ctx.addIssue({ code: "custom", message: "expected true, false, or the number of proxies in front (1-10)" });
        return z.NEVER;
      }),
    /** How long a dashboard sign-in lasts, in hours. */
    TRIALRUN_SESSION_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 7),
    /**
     * Where runs execute: "server" — in the web server's process; "worker" — in a
     * separate engine process (`npm start` starts one), so a fast run never
     * competes with the dashboard for the web server's thread.
     */
    TRIALRUN_RUNS_EXECUTE_IN: z.enum(["server", "worker"]).default("server"),
    TRIALRUN_LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  })

  .superRefine((value, ctx) => {
    // Each host would generate its own key: secrets stored by one instance would be unreadable to the others.
    if (isPostgresUrl(value.DATABASE_URL) && !value.TRIALRUN_SECRET_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["TRIALRUN_SECRET_KEY"],
        message:
          "is required with PostgreSQL: every instance must encrypt secrets with the same key. Generate one with `openssl rand -hex 32` and give it to every web and worker process.",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Whether a DATABASE_URL names PostgreSQL (otherwise it is a SQLite file). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Validates an environment; a bad value throws a message naming the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env = parseEnv(process.env);

/** Absolute path of the SQLite file named by DATABASE_URL. */
export function sqliteFilePath(url: string = env.DATABASE_URL): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), url.replace(/^file:/, ""));
}
