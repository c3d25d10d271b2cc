import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isBusyFailure, migrationFolders, pendingMigrations } from "./migrations.mjs";

/**
 * The start script's check for pending migrations, against real copies of the
 * migrated test database: it must see exactly what `prisma migrate deploy`
 * would apply, and read while other connections hold the file.
 */
type Sqlite = { exec(sql: string): void; prepare(sql: string): { run(...params: unknown[]): unknown }; close(): void };
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => Sqlite;

const migrationsDir = path.resolve("prisma/migrations");
const folders = migrationFolders(migrationsDir);
const dir = fs.mkdtempSync(path.resolve("data/test/migrations-"));
let n = 0;
function copyOfMigrated(): string {
  const file = path.join(dir, `${n++}.db`);
  fs.copyFileSync(path.resolve("data/test/template.db"), file);
  return file;
}
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("pendingMigrations", () => {
  it("lists the migration folders in order", () => {
    expect(folders.length).toBeGreaterThan(5);
    expect(folders).toEqual([...folders].sort());
    expect(folders[0]).toMatch(/_init$/);
  });

  it("finds nothing pending on a migrated database, even while another connection holds a read transaction and the write lock", () => {
    const file = copyOfMigrated();
    const reader = new Database(file);
    const writer = new Database(file);
    reader.exec("PRAGMA journal_mode = WAL");
    reader.exec("BEGIN");
    reader.prepare("SELECT count(*) FROM _prisma_migrations").run();
    writer.exec("BEGIN IMMEDIATE");
    try {
      expect(pendingMigrations(file, migrationsDir)).toEqual([]);
    } finally {
      writer.exec("ROLLBACK");
      reader.exec("COMMIT");
      reader.close();
      writer.close();
    }
  });

  it("treats a missing or empty file, or one without the migrations table, as wholly pending", () => {
    expect(pendingMigrations(path.join(dir, "absent.db"), migrationsDir)).toEqual(folders);
    const empty = path.join(dir, "empty.db");
    fs.writeFileSync(empty, "");
    expect(pendingMigrations(empty, migrationsDir)).toEqual(folders);
    const other = path.join(dir, "other.db");
    const db = new Database(other);
    db.exec("CREATE TABLE t (x)");
    db.close();
    expect(pendingMigrations(other, migrationsDir)).toEqual(folders);
  });

  it("counts a migration as pending when its row is missing, rolled back or unfinished", () => {
    const file = copyOfMigrated();
    const db = new Database(file);
    const [first, second, third] = folders as [string, string, string];
    db.prepare("DELETE FROM _prisma_migrations WHERE migration_name = ?").run(third);
    db.prepare("UPDATE _prisma_migrations SET rolled_back_at = 1 WHERE migration_name = ?").run(second);
    db.prepare("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ?").run(first);
    db.close();
    expect(pendingMigrations(file, migrationsDir)).toEqual([first, second, third]);
  });

  it("answers null for a file that is not a database, leaving the decision to migrate deploy", () => {
    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "not a database, just text ".repeat(100));
    expect(pendingMigrations(junk, migrationsDir)).toBeNull();
  });
});

describe("isBusyFailure", () => {
  it("recognizes the schema engine's lock timeout, not other failures", () => {
    expect(isBusyFailure("Error: Error in the underlying connector (WASM_ERROR): Error: unknown variant `SocketTimeout`, expected one of")).toBe(true);
    expect(isBusyFailure("SqliteFailure(Error { code: DatabaseBusy }) database is locked")).toBe(true);
    expect(isBusyFailure("P3009: migrate found failed migrations in the target database")).toBe(false);
  });
});
