import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { postgresSchemaFrom, SOURCE, TARGET } from "../../prisma/postgres-schema.mjs";
import { adminQuery, createMigratedDatabase, databaseUrl } from "@/test/postgres";
import { dialect } from "./dialect";

/*
 * prisma/schema.prisma is the one source of the data model. The PostgreSQL
 * schema is generated from it, and PostgreSQL's migrations must build exactly
 * what that schema describes.
 */
describe("the PostgreSQL schema", () => {
  it("is the one generated from prisma/schema.prisma (run `npm run db:schema` after changing it)", () => {
    expect(fs.readFileSync(TARGET, "utf8")).toBe(postgresSchemaFrom(fs.readFileSync(SOURCE, "utf8")));
  });

  it("differs from the SQLite one only in provider, output and JSON's column type", () => {
    const sqlite = fs.readFileSync(SOURCE, "utf8");
    const postgres = fs.readFileSync(TARGET, "utf8");
    const models = (text: string) => text.slice(text.indexOf("model ")).replaceAll(" @db.Json", "");
    expect(models(postgres)).toBe(models(sqlite));
  });
});

/** Columns, indexes and constraints of a database's public tables, in a comparable form. */
async function shape(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexdef`);
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
    );
    const enums = await client.query(`SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY 1, e.enumsortorder`);
    return [...columns.rows, ...indexes.rows, ...constraints.rows, ...enums.rows].map((row) => JSON.stringify(row));
  } finally {
    await client.end();
  }
}

describe.runIf(dialect === "postgres")("PostgreSQL's migrations", () => {
  it("build the database the schema describes", { timeout: 60_000 }, async () => {
    const adminUrl = inject("postgresAdminUrl");
    const migrated = await createMigratedDatabase(adminUrl, "drift_migrated");
    // The schema's own DDL, from nothing (prisma migrate diff needs a connection through the adapter: any database).
    const expectedDdl = execFileSync(
      path.resolve("node_modules/.bin/prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", TARGET, "--script"],
      {
        env: { ...process.env, DATABASE_URL: migrated },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "drift_expected" WITH (FORCE)`);
    await adminQuery(adminUrl, `CREATE DATABASE "drift_expected"`);
    const expected = databaseUrl(adminUrl, "drift_expected");
    await adminQuery(expected, expectedDdl);
    expect(await shape(migrated)).toEqual(await shape(expected));
  });
});
