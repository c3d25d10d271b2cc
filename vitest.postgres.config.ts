import path from "node:path";
import { defineConfig } from "vitest/config";

// The suites that touch the database (routers, engine, imports, storage), run
// again on PostgreSQL (src/test/postgres.ts: TEST_DATABASE_URL, or a throwaway
// embedded server). What is SQLite's alone (its lock, its migrations) is not here.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    environment: "node",
    include: [
      "src/features/*/server/**/*.test.ts",
      "src/features/runs/engine/**/*.test.ts",
      "src/features/datasets/import/import-*.test.ts",
      "src/features/runs/scores-truth.test.ts",
      "src/features/compare/compare.test.ts",
      "src/features/targets/targets.test.ts",
      "src/features/auth/auth.test.ts",
      "src/server/bulk-insert.test.ts",
      "src/server/schema-drift.test.ts",
      "src/server/json-storage.test.ts",
      "src/server/http/node-api.test.ts",
    ],
    globalSetup: ["src/test/global-setup-postgres.ts"],
    setupFiles: ["src/test/setup-db-postgres.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
