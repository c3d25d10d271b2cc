import { expect, test, type Page } from "@playwright/test";

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

test("the dataset page keeps its tab, the items' search and page, and the runs' page in the URL: reload, Back and a shared link", async ({ page, request }) => {
  const created = await request.post("/api/trpc/datasets.create", { data: { json: { name: unique("e2e items url"), description: "" } } });
  const datasetId = ((await created.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
  // 60 items, every other one about Paris: 30 match the search, two pages of 25.
  const added = await request.post("/api/trpc/items.bulkAdd", {
    data: { json: { datasetId, items: Array.from({ length: 60 }, (_, i) => ({ input: i % 2 === 0 ? `paris question ${i + 1}` : `rome question ${i + 1}` })) } },
  });
  expect(added.ok()).toBeTruthy();
  const rows = (p: Page) => p.getByTestId("item-row");
  const pagination = (p: Page) => p.getByTestId("pagination");

  await page.goto(`/datasets/${datasetId}`);
  await expect(pagination(page)).toContainText("1–25 of 60 items");
  await page.getByLabel("Search items").fill("paris");
  await expect(page).toHaveURL(/[?&]q=paris/);
  await expect(pagination(page)).toContainText("1–25 of 30 items");
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);

  const expectParisPage2 = async (p: Page) => {
    await expect(p.getByLabel("Search items")).toHaveValue("paris");
    await expect(pagination(p)).toContainText("26–30 of 30 items");
    await expect(rows(p)).toHaveCount(5);
    await expect(rows(p).first()).toContainText("paris question 51");
  };
  await expectParisPage2(page);

  // Another tab, and Back to the items as they were; Back again to the first page.
  await page.getByRole("tab", { name: /Runs/ }).click();
  await expect(page).toHaveURL(/[?&]tab=runs/);
  await expect(page.getByTestId("empty-state")).toContainText("No runs on this dataset yet");
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]tab=/);
  await expectParisPage2(page);
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(pagination(page)).toContainText("1–25 of 30 items");
  await expect(rows(page).first()).toContainText("paris question 1");
  await page.goForward();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expectParisPage2(page);

  // A reload and a shared link show the same view.
  await page.reload();
  await expectParisPage2(page);
  const shared = await page.context().newPage();
  await shared.goto(page.url());
  await expectParisPage2(shared);
  await shared.close();

  // Changed again, then Back.
  await page.getByRole("button", { name: "Previous page" }).click();
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(pagination(page)).toContainText("1–25 of 30 items");
  await page.goBack();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expectParisPage2(page);

  // Clearing the search shows every item again; a link past the last page lands on the last one.
  await page.getByLabel("Search items").fill("");
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(pagination(page)).toContainText("1–25 of 60 items");
  await page.goto(`/datasets/${datasetId}?page=7&tab=bogus`);
  await expect(pagination(page)).toContainText("51–60 of 60 items");
  await expect(page).toHaveURL(/[?&]page=3/);
});
