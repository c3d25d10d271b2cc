import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";

// Runs before each test file's imports: every file gets its own copy of the
// migrated template database, so files never share state.
const template = path.resolve("data/test/template.db");
const file = path.resolve(`data/test/${randomUUID()}.db`);
fs.copyFileSync(template, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.TRIALRUN_LOG_LEVEL ??= "silent";
process.env.TRIALRUN_FLUSH_INTERVAL_MS ??= "50";
