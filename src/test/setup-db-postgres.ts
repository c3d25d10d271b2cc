import { randomUUID } from "node:crypto";
import { afterAll, inject } from "vitest";
import { adminQuery, databaseUrl, TEMPLATE_DATABASE } from "./postgres";

// Runs before each test file's imports: every file gets its own copy of the
// migrated template database, so files never share state.
const adminUrl = inject("postgresAdminUrl");
const name = `test_${randomUUID().replaceAll("-", "")}`;
await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
process.env.DATABASE_URL = databaseUrl(adminUrl, name);
// PostgreSQL needs the key given (src/server/env.ts); a fixed one is fine for tests.
process.env.TRIALRUN_SECRET_KEY ??= "0".repeat(64);
process.env.TRIALRUN_LOG_LEVEL ??= "silent";
process.env.TRIALRUN_FLUSH_INTERVAL_MS ??= "50";

// A file whose runs were dispatched started a job queue client; it closes with the file.
afterAll(async () => {
  const { stopJobQueue } = await import("@/features/runs/engine");
  await stopJobQueue();
});
