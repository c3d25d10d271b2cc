import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The Prisma CLI runs its schema engine as WebAssembly through the driver
// adapter, so `migrate deploy` and friends need no native engine download
// (this matters on air-gapped servers).
const DEFAULT_DATABASE_URL = "file:./data/trialrun.db";

function sqliteFilePath(url: string): string {
  const file = url.replace(/^file:/, "");
  return path.resolve(process.cwd(), file);
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const file = sqliteFilePath(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
