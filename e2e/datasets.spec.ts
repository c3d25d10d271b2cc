import { expect, test } from "@playwright/test";

// Each test names its dataset uniquely: the database is shared by the whole suite.
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("creating a dataset shows server field errors inline, then opens the dataset", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Datasets" })).toBeVisible();

  await page.getByRole("button", { name: "New dataset" }).first().click();
  const dialog = page.getByTestId("create-dataset-dialog");
  await dialog.getByRole("button", { name: "Create dataset" }).click();
  // Empty name: the server's zod error comes back on error.data.fieldErrors.name.
  await expect(dialog.getByTestId("field-error")).toHaveText(/Name is required/);

  const name = unique("e2e items");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Description").fill("Made by the e2e suite");
  await dialog.getByRole("button", { name: "Create dataset" }).click();
  await expect(page).toHaveURL(/\/datasets\/[^/]+$/);
  await expect(page.getByTestId("dataset-name")).toHaveText(name);
  await expect(page.getByTestId("empty-state")).toContainText("no items");

  // A second dataset with the same name: a domain error about the `name` field.
  await page.goto("/");
  await page.getByRole("button", { name: "New dataset" }).first().click();
  const again = page.getByTestId("create-dataset-dialog");
  await again.getByLabel("Name").fill(name);
  await again.getByRole("button", { name: "Create dataset" }).click();
  await expect(again.getByTestId("field-error")).toHaveText(/already exists/);
});

test("items: invalid JSON is caught per field; add, edit, search and delete", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "New dataset" }).first().click();
  const create = page.getByTestId("create-dataset-dialog");
  await create.getByLabel("Name").fill(unique("e2e json"));
  await create.getByRole("button", { name: "Create dataset" }).click();
  await expect(page).toHaveURL(/\/datasets\//);

  await page.getByRole("button", { name: "Add item" }).first().click();
  const dialog = page.getByTestId("item-dialog");
  await dialog.getByLabel("Input").fill('{ "question": "unterminated');
  await dialog.getByLabel("Metadata").fill("[1, 2]");
  await dialog.getByRole("button", { name: "Add item" }).click();
  await expect(dialog.getByTestId("field-error")).toHaveCount(2);
  await expect(dialog.getByTestId("field-error").first()).toContainText("Invalid JSON");
  await expect(dialog.getByTestId("field-error").nth(1)).toContainText("must be a JSON object");

  await dialog.getByLabel("Input").fill('{ "question": "What is 2 + 2?" }');
  await dialog.getByLabel("Expected output").fill("four");
  await dialog.getByLabel("Metadata").fill('{ "topic": "math" }');
  await dialog.getByRole("button", { name: "Add item" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("item-row")).toHaveCount(1);
  await expect(page.getByTestId("item-row")).toContainText("What is 2 + 2?");

  // Edit: the plain-text expected output round-trips as text.
  await page.getByRole("button", { name: "Edit item" }).click();
  await expect(dialog.getByLabel("Expected output")).toHaveValue("four");
  await dialog.getByLabel("Expected output").fill("IV");
  await dialog.getByRole("button", { name: "Save item" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("item-row")).toContainText("IV");
  await expect(page.getByTestId("dataset-item-count")).toContainText("1 item");

  await page.getByRole("button", { name: "Add item" }).first().click();
  await dialog.getByLabel("Input").fill("Plain text question");
  await dialog.getByRole("button", { name: "Add item" }).click();
  await expect(page.getByTestId("item-row")).toHaveCount(2);

  // Search is debounced and server-side.
  await page.getByLabel("Search items").fill("plain text");
  await expect(page.getByTestId("item-row")).toHaveCount(1);
  await expect(page.getByTestId("item-row")).toContainText("Plain text question");
  await page.getByLabel("Search items").fill("");
  await expect(page.getByTestId("item-row")).toHaveCount(2);

  await page.getByTestId("item-row").filter({ hasText: "Plain text" }).getByRole("button", { name: "Delete item" }).click();
  await page.getByTestId("confirm-dialog").getByRole("button", { name: "Delete item" }).click();
  await expect(page.getByTestId("item-row")).toHaveCount(1);
  await expect(page.getByTestId("dataset-item-count")).toContainText("1 item");
});
