import { expect, test } from "@playwright/test";
import { PasswordServer } from "./password-server";

/**
 * Sign-in needs a server started with TRIALRUN_ADMIN_PASSWORD; the config's
 * server runs without it, so this spec starts a second one of its own (the
 * build is already there: the config's server made sure of it).
 */
const PASSWORD = "correct horse battery staple";
const auth = new PasswordServer(3220, PASSWORD, "auth");
const BASE = auth.base;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await auth.start(100_000);
});

test.afterAll(async () => {
  await auth.stop();
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
