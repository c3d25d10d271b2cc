import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// The Prisma CLI runs its schema engine as WebAssembly through the driver
// adapter, so `migrate deploy` and friends need no native engine download
// (this matters on air-gapped servers). DATABASE_URL picks the provider:
// file: is SQLite (prisma/schema.prisma, the source of the data model),
// postgres:// or postgresql:// is PostgreSQL (prisma/postgres/, generated from it).
const DEFAULT_DATABASE_URL = "file:./data/trialrun.db";
const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const postgres = /^postgres(ql)?:\/\//.test(url);

function sqliteFilePath(fileUrl: string): string {
  return path.resolve(process.cwd(), fileUrl.replace(/^file:/, ""));
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations" },
  async adapter() {
    if (postgres) return new PrismaPg({ connectionString: url });
    const file = sqliteFilePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
