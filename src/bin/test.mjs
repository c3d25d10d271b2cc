#!/usr/bin/env node
// `npm test`: type check, format check, lint, unit/integration tests (vitest), the database
// suites again on PostgreSQL, production
// build, system tests against the production server (crash and restart), then
// the Playwright e2e suite against that build. Stops at the first
// failing step and ends with one "N passed, N failed" line over all tests.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const reports = path.join(root, "test-results", "reports");
fs.mkdirSync(reports, { recursive: true });

const counts = { passed: 0, failed: 0, skipped: 0 };

function step(title, command, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n${title} failed after ${seconds}s (exit ${result.status ?? result.signal}).`);
    return false;
  }
  console.log(`${title}: ok in ${seconds}s`);
  return true;
}

function readVitest(file) {
  if (!fs.existsSync(file)) return;
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  counts.passed += report.numPassedTests ?? 0;
  counts.failed += report.numFailedTests ?? 0;
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

/** A vitest run as a step (`args`: its config), its counts read from a fresh JSON report named `name`. */
function vitestStep(title, name, args = []) {
  const report = path.join(reports, name);
  fs.rmSync(report, { force: true });
  const ok = step(title, bin("vitest"), ["run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  readVitest(report);
  return ok;
}

function readPlaywright(file) {
  if (!fs.existsSync(file)) return;
  const stats = JSON.parse(fs.readFileSync(file, "utf8")).stats ?? {};
  counts.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  counts.failed += stats.unexpected ?? 0;
  counts.skipped += stats.skipped ?? 0;
}

function finish(ok) {
  console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(ok && counts.failed === 0 ? 0 : 1);
}

const playwrightReport = path.join(reports, "playwright.json");
fs.rmSync(playwrightReport, { force: true });

if (!step("Type check", bin("tsc"), ["--noEmit"])) finish(false);
if (!step("Format (Prettier)", bin("prettier"), ["--check", "--log-level=warn", "."])) finish(false);
if (!step("Lint (zero warnings, import boundaries)", bin("eslint"), ["--max-warnings=0", "."])) finish(false);
if (!vitestStep("Unit and integration tests", "vitest.json")) finish(false);
// The suites that touch the database, again on PostgreSQL: TEST_DATABASE_URL, or a throwaway embedded server.
if (!vitestStep("Database suites on PostgreSQL", "vitest-postgres.json", ["--config", "vitest.postgres.config.ts"])) finish(false);
if (!step("Production build", bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" })) finish(false);

if (!step("Client and CLI build", bin("tsup"), ["--silent"])) finish(false);

fs.rmSync(path.join(root, "data", "system"), { recursive: true, force: true });
if (!vitestStep("System tests (production server: crash, restart, limits)", "system.json", ["--config", "vitest.system.config.ts"])) finish(false);

fs.rmSync(path.join(root, "data", "e2e"), { recursive: true, force: true });
const e2eOk = step("End-to-end tests", bin("playwright"), ["test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  E2E_RUN_ID: String(Date.now()),
});
readPlaywright(playwrightReport);
finish(e2eOk);
