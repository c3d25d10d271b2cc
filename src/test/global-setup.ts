import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const TEMPLATE_DB = path.resolve("data/test/template.db");

/** Migrates one template database with the real Prisma CLI; each test file copies it. */
export default function setup() {
  fs.rmSync(path.dirname(TEMPLATE_DB), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true });
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
}
