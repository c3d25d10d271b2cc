import { expect, test, type APIRequestContext } from "@playwright/test";

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function createDataset(request: APIRequestContext, name: string): Promise<{ id: string }> {
  const response = await request.post("/api/trpc/datasets.create", { data: { json: { name, description: "" } } });
  expect(response.ok(), await response.text()).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: { id: string } } } }).result.data.json;
}

/** What a spreadsheet's "Unicode text" export gives: UTF-16 LE with a byte-order mark, here semicolon-separated with CRLF. */
const UTF16_SEMICOLON = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("question;answer\r\nCafé?;Oui, crème\r\nPrix?;1.50\r\n", "utf16le")]);
/** Windows-1252 bytes (é = E9, € = 80): not UTF-8. */
const WINDOWS_1252 = Buffer.from([...Buffer.from("question,answer\nCaf"), 0xe9, ...Buffer.from("?,5 "), 0x80, 0x0a]);

test("import a semicolon UTF-16 file with the detected settings shown; a Windows-1252 file is refused until chosen", async ({ page, request }) => {
  const dataset = await createDataset(request, unique("e2e encodings"));
  await page.goto(`/datasets/${dataset.id}`);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const dialog = page.getByTestId("import-dialog");

  // --- UTF-16 LE, semicolons: detected, shown, imported as previewed.
  await dialog.getByTestId("import-file-input").setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: UTF16_SEMICOLON });
  await expect(dialog.getByTestId("import-settings-summary")).toHaveText(
    "Read as UTF-16 LE (from its byte-order mark) · semicolon-separated (detected from the header)",
  );
  await expect(dialog.getByLabel("Encoding")).toHaveValue("auto");
  await expect(dialog.getByLabel("Encoding").locator("option:checked")).toHaveText("UTF-16 LE (detected)");
  await expect(dialog.getByLabel("Delimiter").locator("option:checked")).toHaveText("Semicolon ; (detected)");
  await expect(dialog.getByTestId("mapping-row")).toHaveCount(2);
  // The first import of a two-column file needs no mapping.
  await expect(dialog.getByLabel("question goes to")).toHaveValue("input");
  await expect(dialog.getByLabel("answer goes to")).toHaveValue("expectedOutput");
  await expect(dialog.getByTestId("value-rule")).toContainText("1.50");
  await expect(dialog.getByTestId("import-preview-row")).toHaveCount(2);
  await expect(dialog.getByTestId("import-preview-row").first()).toContainText("Café?");
  await expect(dialog.getByTestId("import-preview-row").first()).toContainText("Oui, crème");
  // "1.50" stays the text 1.50 (JSON would make it 1.5); the row is named by its line in the file.
  await expect(dialog.getByTestId("import-preview-row").nth(1)).toContainText("1.50");
  await expect(dialog.getByTestId("import-preview-row").nth(1).getByRole("cell").first()).toHaveText("3");
  await dialog.getByRole("button", { name: "Import CSV" }).click();
  await expect(dialog.getByTestId("import-result")).toContainText("Imported 2 items as version v1");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("item-row")).toHaveCount(2);
  await expect(page.getByTestId("item-row").first()).toContainText("Oui, crème");

  // --- Windows-1252: refused in the preview with the line and a hint; readable once chosen.
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await dialog.getByTestId("import-file-input").setInputFiles({ name: "old-excel.csv", mimeType: "text/csv", buffer: WINDOWS_1252 });
  await expect(dialog.getByTestId("import-preview-error")).toContainText("line 2 has the byte E9");
  await expect(dialog.getByTestId("import-preview-error")).toContainText("looks like Windows-1252");
  await expect(dialog.getByRole("button", { name: "Import CSV" })).toBeDisabled();
  await dialog.getByLabel("Encoding").selectOption("windows-1252");
  await expect(dialog.getByTestId("import-settings-summary")).toContainText("Windows-1252 / Latin-1 (as chosen)");
  await expect(dialog.getByTestId("import-preview-row").first()).toContainText("Café?");
  await expect(dialog.getByTestId("import-preview-row").first()).toContainText("5 €");
  await dialog.getByRole("button", { name: "Import CSV" }).click();
  await expect(dialog.getByTestId("import-result")).toContainText("Imported 1 item as version v2");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("item-row")).toHaveCount(3);
});

test("a JSON file that does not parse keeps Import disabled and shows the line and column", async ({ page, request }) => {
  const dataset = await createDataset(request, unique("e2e bad json"));
  await page.goto(`/datasets/${dataset.id}`);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const dialog = page.getByTestId("import-dialog");
  await dialog
    .getByTestId("import-file-input")
    .setInputFiles({ name: "items.json", mimeType: "application/json", buffer: Buffer.from('[\n  {"input": "a"},\n  {"input": }\n]') });
  await expect(dialog.getByTestId("import-preview-error")).toContainText("line 3, column 13");
  await expect(dialog.getByRole("button", { name: "Import JSON" })).toBeDisabled();
});

test("a file with many bad rows lists the first 20 and says where reading stopped; nothing is imported", async ({ page, request }) => {
  const dataset = await createDataset(request, unique("e2e many bad rows"));
  // 30 rows whose question (the input) is empty: lines 2..31 of the file.
  const csv = `question,answer\n${Array.from({ length: 30 }, (_, i) => `,answer ${i}`).join("\n")}\n`;
  await page.goto(`/datasets/${dataset.id}`);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const dialog = page.getByTestId("import-dialog");
  await dialog.getByTestId("import-file-input").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await dialog.getByRole("button", { name: "Import CSV" }).click();
  await expect(dialog.getByTestId("import-errors")).toContainText("Nothing was imported");
  await expect(dialog.getByTestId("import-errors")).toContainText("More than 20 rows are invalid");
  await expect(dialog.getByTestId("import-error-row")).toHaveCount(20);
  await expect(dialog.getByTestId("import-error-row").first()).toContainText("line 2");
  await expect(dialog.getByText("Only the first 20 problems are listed; the import stopped at line 22.")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("dataset-item-count")).toContainText("0 items");
});
