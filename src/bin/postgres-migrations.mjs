// Database migrations at start on PostgreSQL (prisma/postgres/migrations).
//
// `prisma migrate deploy` cannot run here: without a downloaded native schema
// engine the CLI runs its WebAssembly engine through @prisma/adapter-pg, and
// that fails on PostgreSQL's `name` type ("Column type 'name' could not be
// deserialized", prisma/orm issue 27403). So the start applies the
// migrations itself, in Prisma's own bookkeeping table `_prisma_migrations`
// (same columns, same sha256 checksum of migration.sql), so the Prisma CLI
// with a native engine sees the same history. Several instances starting at
// once take turns on an advisory lock; each migration runs in a transaction.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrationFolders } from "./migrations.mjs";

/** Any fixed number: the advisory lock that instances starting at once take in turn. */
const MIGRATION_LOCK = 72_616_001;

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies the migrations of `root`/prisma/postgres/migrations that the
 * database at `url` has not finished. Resolves to `{ applied }`; rejects with
 * a message naming the migration and PostgreSQL's error.
 */
export async function applyPostgresMigrations({ root, url, log = console.log }) {
  const migrationsDir = path.join(root, "prisma", "postgres", "migrations");
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Could not connect to PostgreSQL at ${maskedUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(BOOKKEEPING);
    const { rows } = await client.query(`SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`);
    const done = new Set(rows.map((row) => row.migration_name));
    const pending = migrationFolders(migrationsDir).filter((name) => !done.has(name));
    if (pending.length === 0) {
      log("Database is up to date (no pending migrations).");
      return { applied: [] };
    }
    log(`Applying ${pending.length} database migration${pending.length === 1 ? "" : "s"}: ${pending.join(", ")}…`);
    for (const name of pending) {
      const sql = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
      try {
        await client.query("BEGIN");
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count") VALUES ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new Error(`Migration ${name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    log("Database migrations applied.");
    return { applied: pending };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The URL without its password, for messages. */
export function maskedUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "the DATABASE_URL given";
  }
}
