import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";

/**
 * Sign-in needs a server started with TRIALRUN_ADMIN_PASSWORD; the config's
 * server runs without it, so this spec starts a second one of its own (the
 * build is already there: the config's server made sure of it).
 */
const PORT = 3220;
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "correct horse battery staple";

let server: ChildProcess | undefined;
let output = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = spawn(process.execPath, ["src/bin/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:./data/e2e/auth-${Date.now()}.db`,
      TRIALRUN_ADMIN_PASSWORD: PASSWORD,
      TRIALRUN_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 100_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The auth server exited (${server.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The auth server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

test.afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server?.once("exit", resolve));
  server.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (server.exitCode === null) server.kill("SIGKILL");
});

test("with a password set: the dashboard redirects to /login, a wrong password is refused, the right one signs in, sign out signs out", async ({ page }) => {
  // The API refuses without a session…
  expect((await page.request.get(`${BASE}/api/trpc/datasets.list`)).status()).toBe(401);

  // …and the dashboard sends the person to sign in, remembering where they were going.
  await page.goto(`${BASE}/runs`);
  await expect(page).toHaveURL(`${BASE}/login?next=%2Fruns`);
  await expect(page.getByRole("heading", { name: "Sign in to Trialrun" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

  const password = page.getByLabel("Password");
  await password.fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("field-error")).toHaveText("Wrong password.");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/login/);

  await password.fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${BASE}/runs`);
  await expect(page.getByRole("heading", { name: "Runs", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  // Signed in, /login is a detour back to the dashboard.
  await page.goto(`${BASE}/login`);
  await expect(page).toHaveURL(`${BASE}/`);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${BASE}/login`);
  await page.goto(`${BASE}/settings`);
  await expect(page).toHaveURL(`${BASE}/login?next=%2Fsettings`);
  expect((await page.request.get(`${BASE}/api/trpc/datasets.list`)).status()).toBe(401);
});
