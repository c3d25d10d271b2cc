// Database migrations at start, without needing the SQLite file alone when
// there is nothing to apply.
//
// `prisma migrate deploy` (the JS schema engine on SQLite) needs the file to
// itself: while any other connection has it open — a second Trialrun instance,
// a `sqlite3` shell, a backup reader — it waits 5 s and fails with
// "unknown variant SocketTimeout", even when no migration is pending. So the
// start first reads `_prisma_migrations` itself (an ordinary reader: it
// coexists with other connections) and compares it with prisma/migrations;
// only when something is pending does it run `migrate deploy`, retrying while
// the file is busy.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// better-sqlite3 is the driver under @prisma/adapter-better-sqlite3 (a
// dependency); resolve it from there so the adapter's copy is the one used.
function openSqlite(file, options) {
  const adapterEntry = createRequire(import.meta.url).resolve("@prisma/adapter-better-sqlite3");
  const Database = createRequire(adapterEntry)("better-sqlite3");
  return new Database(file, options);
}

/** Names of the migration folders (each holding a migration.sql), in order. */
export function migrationFolders(migrationsDir) {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Migrations not yet applied to `dbFile`: folder names without a finished,
 * not rolled back row in `_prisma_migrations` (a failed one stays pending, so
 * `migrate deploy` runs and reports it). Reads with a shared lock only.
 * Returns null when the file cannot be read (then `migrate deploy` decides).
 */
export function pendingMigrations(dbFile, migrationsDir) {
  const folders = migrationFolders(migrationsDir);
  if (!fs.existsSync(dbFile) || fs.statSync(dbFile).size === 0) return folders;
  let db;
  try {
    // Not read-only: a read-only connection cannot create a WAL file's -shm
    // index when no other connection has; this one only ever reads.
    db = openSqlite(dbFile, { fileMustExist: true, timeout: 5_000 });
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return folders;
    const applied = new Set(
      db
        .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
        .all()
        .map((row) => row.migration_name),
    );
    return folders.filter((name) => !applied.has(name));
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** The schema engine's error when another connection has the file open. */
export function isBusyFailure(output) {
  return /SocketTimeout|database is locked|SQLITE_BUSY/i.test(output);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Applies pending migrations to `dbFile` with the Prisma CLI; with none
 * pending it returns at once without touching the file's locks. While the
 * file is busy it retries (re-checking, since another instance starting at the
 * same time may apply them) until `waitMs` has passed. Resolves to
 * `{ applied: string[] }`; rejects with a message that says what to do.
 */
export async function applyPendingMigrations({ root, dbFile, env = process.env, waitMs = 60_000, retryMs = 2_000, log = console.log }) {
  const migrationsDir = path.join(root, "prisma", "migrations");
  const prisma = path.join(root, "node_modules", ".bin", "prisma");
  const started = Date.now();
  const deadline = started + waitMs;
  let announcedWait = false;
  for (;;) {
    const pending = pendingMigrations(dbFile, migrationsDir);
    if (pending !== null && pending.length === 0) {
      if (!announcedWait) log("Database is up to date (no pending migrations).");
      return { applied: [] };
    }
    if (pending !== null && !announcedWait) {
      const plural = pending.length === 1 ? "" : "s";
      log(`Applying ${pending.length} database migration${plural}${pending.length > 3 ? "" : `: ${pending.join(", ")}`}…`);
    }
    const result = spawnSync(prisma, ["migrate", "deploy"], { cwd: root, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    if (result.status === 0) {
      log("Database migrations applied.");
      return { applied: pending ?? [] };
    }
    if (!isBusyFailure(output)) {
      throw new Error(`prisma migrate deploy failed (exit ${result.status ?? result.signal}):\n${output.trim()}`);
    }
    const names = pending === null || pending.length > 3 ? `the ${pending?.length ?? ""} pending migrations`.replace("  ", " ") : pending.join(", ");
    if (Date.now() + retryMs > deadline) {
      throw new Error(
        `Could not apply ${names} to ${dbFile}: another process kept the file open for ${Math.round((Date.now() - started) / 1000)} s. ` +
          "Applying migrations needs the file alone for a moment: stop the other processes that use it " +
          "(another Trialrun instance on this database, a sqlite3 shell, a backup) and start again.",
      );
    }
    if (!announcedWait) {
      announcedWait = true;
      log(
        `The database file ${dbFile} is in use by another process (another Trialrun instance, a sqlite3 shell or a backup); ` +
          `applying ${names} needs it alone. Retrying for up to ${Math.round((deadline - Date.now()) / 1000)} s…`,
      );
    }
    await sleep(retryMs);
  }
}
