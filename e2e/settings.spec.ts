import { expect, test } from "@playwright/test";

test("API keys: create one (shown once, copied), see it listed by prefix, revoke it", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = `e2e key ${Date.now().toString(36)}`;

  await page.goto("/");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(page.getByTestId("use-it")).toContainText("npx trialrun run --dataset <name> --target <name>");

  await page.getByRole("button", { name: "New API key" }).first().click();
  const create = page.getByTestId("create-key-dialog");
  // A name is required; the error shows under the field.
  await create.getByRole("button", { name: "Create key" }).click();
  await expect(create.getByTestId("field-error")).toContainText("Name is required");
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create key" }).click();

  // The key, once, with a warning and a copy button.
  const shown = page.getByTestId("new-key-dialog");
  await expect(shown).toBeVisible();
  await expect(shown).toContainText("won’t be shown again");
  const key = (await shown.getByTestId("new-key-value").textContent()) ?? "";
  expect(key).toMatch(/^trk_[\w-]{20,}$/);
  await expect(shown).toContainText(`TRIALRUN_API_KEY=${key}`);
  await shown.getByRole("button", { name: "Copy key" }).click();
  await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();

  // Listed by its prefix only; the full key is nowhere on the page any more.
  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("api-key-prefix")).toHaveText(`${key.slice(0, 10)}…`);
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never");
  await expect(page.getByText(key)).toHaveCount(0);

  // The key works against the API until it is revoked.
  const withKey = { headers: { authorization: `Bearer ${key}` } };
  expect((await page.request.get("/api/trpc/auth.status", withKey)).ok()).toBeTruthy();

  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByTestId("confirm-dialog");
  await expect(confirm).toContainText(name);
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toHaveAttribute("data-revoked", "true");
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
});
