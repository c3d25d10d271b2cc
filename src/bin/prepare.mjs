// What every Trialrun process does before it serves or works: check
// DATABASE_URL, apply pending migrations, and build what is out of date.
// Shared by `npm start` (src/bin/start.mjs) and `npm run worker` (src/bin/worker.mjs).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyPendingMigrations } from "./migrations.mjs";
import { applyPostgresMigrations } from "./postgres-migrations.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const bin = (name) => path.join(root, "node_modules", ".bin", name);
/** Built by tsup (tsup.config.ts): the engine worker, and the API's direct path. */
export const workerEntry = path.join(root, "dist", "worker", "main.js");
export const apiEntry = path.join(root, "dist", "server", "node-api.js");

export function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n${path.basename(command)} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) {
    if (entry === "generated") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/**
 * V8 flags of an engine worker. V8 lets a heap grow well past its live size
 * before a full collection; a run allocates fast but keeps little alive
 * (about 30 MB). On SQLite the worker's heap limit grows by 20% of the live
 * size instead of V8's default factor: on a 100k-item echo run its peak RSS
 * fell from 320 to 218 MB at the same speed. On PostgreSQL the same rule cost
 * speed (the driver's query text and parameter arrays are garbage each
 * flush): in two 100k runs, 6,520 and 6,894 items/s with it, 7,125 and 8,613
 * without, at 0.118 → 0.081–0.092 ms of worker CPU per item, for a peak RSS
 * of 174 → 275 MB. So there the default stays.
 */
export function workerV8Flags(databaseUrl) {
  return databaseUrl.startsWith("file:") ? ["--heap-growing-percent=20"] : [];
}

/** DATABASE_URL (default: the SQLite file), checked, with its migrations applied. */
export async function prepareDatabase() {
  const databaseUrl = process.env.DATABASE_URL ?? "file:./data/trialrun.db";
  if (databaseUrl.startsWith("file:")) {
    const dbFile = path.resolve(root, databaseUrl.slice("file:".length));
    fs.mkdirSync(path.dirname(dbFile), { recursive: true });
    // Only when a migration is pending does this need the file alone (./migrations.mjs
    // says why): a start beside another instance or an open sqlite3 shell succeeds.
    try {
      await applyPendingMigrations({ root, dbFile, env: { ...process.env, DATABASE_URL: databaseUrl } });
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  } else if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    if (!process.env.TRIALRUN_SECRET_KEY?.trim()) {
      fail(
        "TRIALRUN_SECRET_KEY is required with PostgreSQL: every web and worker process must encrypt secrets with the same key. " +
          "Generate one with `openssl rand -hex 32` and set it for every process.",
      );
    }
    try {
      await applyPostgresMigrations({ root, url: databaseUrl });
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  } else {
    fail("DATABASE_URL: expected a SQLite file URL such as file:./data/trialrun.db, or a PostgreSQL URL such as postgresql://user:password@host:5432/trialrun");
  }
  return databaseUrl;
}

/** Builds the dashboard (next build) when a source is newer than the last build. */
export function buildAppIfStale() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const inputs = ["src", "public", "next.config.mjs", "package.json", "prisma/schema.prisma", "postcss.config.mjs"];
  if (built > 0 && !inputs.some((input) => newestMtime(path.join(root, input)) > built)) return;
  console.log("Building the app (first start or sources changed)…");
  run(bin("next"), ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
}

/** Builds the engine worker and the API path (tsup) when a source is newer. */
export function buildWorkerIfStale() {
  const sourcesChanged = newestMtime(path.join(root, "src"));
  if ([workerEntry, apiEntry].some((entry) => !fs.existsSync(entry) || sourcesChanged > fs.statSync(entry).mtimeMs)) {
    console.log("Building the engine worker and the API path…");
    run(bin("tsup"), ["--silent"]);
  }
}
