import fs from "node:fs/promises";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** tRPC over plain HTTP (superjson envelope), for setup the UI test does not need to repeat. */
async function mutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function query<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function waitForRun(request: APIRequestContext, id: string) {
  await expect.poll(async () => (await query<{ status: string }>(request, "runs.get", { id })).status, { timeout: 15_000 }).toBe("completed");
}

const GOOD_CSV = ["question,answer,topic", "What is 2+2?,4,math", "Capital of France?,Paris,geo", "Colour of the sky?,blue,nature"].join("\n");
// Row 2 has no question: with question → input, its input is empty.
const BAD_CSV = ["question,answer,topic", "Fine question?,yes,misc", ",no question here,misc", "Another?,ok,misc"].join("\n");

test("import a CSV with a mapping, refuse a bad file whole, export, then compare two runs", async ({ page, request }) => {
  const dataset = await mutate<{ id: string }>(request, "datasets.create", { name: unique("e2e import"), description: "" });
  await page.goto(`/datasets/${dataset.id}`);

  // --- Import: preview, mapping (question → input.question, answer → expected output), outcome.
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const dialog = page.getByTestId("import-dialog");
  await dialog.getByTestId("import-file-input").setInputFiles({ name: "qa.csv", mimeType: "text/csv", buffer: Buffer.from(GOOD_CSV) });
  await expect(dialog.getByTestId("mapping-row")).toHaveCount(3);
  // Defaults as the server's: with no "input" column, "question" is the input, "answer" the expected output, others metadata at their name.
  await expect(dialog.getByLabel("answer goes to")).toHaveValue("expectedOutput");
  await expect(dialog.getByLabel("question goes to")).toHaveValue("input");
  await expect(dialog.getByLabel("topic goes to")).toHaveValue("metadata");
  await expect(dialog.getByTestId("mapping-error")).toHaveCount(0);
  // Put the question inside the input at a path.
  await dialog.getByLabel("question path").fill("question");
  await expect(dialog.getByTestId("import-preview-row")).toHaveCount(3);
  await expect(dialog.getByTestId("import-preview-row").first()).toContainText('{"question":"What is 2+2?"}');
  await dialog.getByRole("button", { name: "Import CSV" }).click();
  await expect(dialog.getByTestId("import-result")).toContainText("Imported 3 items as version v1");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("item-row")).toHaveCount(3);
  await expect(page.getByTestId("dataset-item-count")).toContainText("3 items");

  // --- A file with a bad row: the row error, and nothing imported.
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await dialog.getByTestId("import-file-input").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(BAD_CSV) });
  await dialog.getByLabel("question goes to").selectOption("input");
  await expect(dialog.getByTestId("import-preview-row").nth(1)).toContainText("input is empty");
  await dialog.getByRole("button", { name: "Import CSV" }).click();
  await expect(dialog.getByTestId("import-errors")).toContainText("Nothing was imported");
  await expect(dialog.getByTestId("import-error-row")).toHaveCount(1);
  // Named as the user sees it: line 3 of the file (the header is line 1).
  await expect(dialog.getByTestId("import-error-row")).toContainText("line 3");
  await expect(dialog.getByTestId("import-error-row")).toContainText("input is empty");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("dataset-item-count")).toContainText("3 items");

  // --- Export: the download holds the imported items.
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const downloading = page.waitForEvent("download");
  await page
    .getByTestId("export-menu")
    .getByRole("menuitem", { name: /Download CSV/ })
    .click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-v1\.csv$/);
  const csv = await fs.readFile(await download.path(), "utf8");
  expect(csv.split(/\r?\n/)[0]).toBe("itemId,input,expectedOutput,metadata");
  expect(csv).toContain("What is 2+2?");
  expect(csv).toContain("Paris");

  // --- Versions: the import is v1, with its three added items.
  await page.getByRole("tab", { name: /Versions/ }).click();
  await expect(page.getByTestId("version-row").first()).toContainText("+3 added");

  // --- Two runs: a demo model that always answers right, then echo (answers the input: always wrong).
  const scorers = [{ type: "exact-match", name: "exact", params: {} }];
  const baseline = await mutate<{ runId: string }>(request, "runs.trigger", {
    datasetId: dataset.id,
    name: "baseline demo",
    target: { kind: "demo", latencyMs: 0, jitterMs: 0, failureRate: 0, accuracy: 1 },
    scorers,
  });
  const candidate = await mutate<{ runId: string }>(request, "runs.trigger", {
    datasetId: dataset.id,
    name: "candidate echo",
    target: { kind: "echo" },
    scorers,
  });
  await waitForRun(request, baseline.runId);
  await waitForRun(request, candidate.runId);

  // --- Compare: the delta, the regressions, the filter, the diff.
  await page.getByRole("tab", { name: /Runs/ }).click();
  await expect(page.getByTestId("compare-runs-link")).toHaveAttribute("href", `/compare?dataset=${dataset.id}`);
  await page.goto(`/compare?baseline=${baseline.runId}&candidate=${candidate.runId}`);
  const card = page.getByTestId("scorer-card").filter({ hasText: "exact" });
  await expect(card.getByTestId("scorer-means")).toContainText("1.00");
  await expect(card.getByTestId("scorer-delta")).toHaveText("−1");
  await expect(card.getByTestId("regressions-count")).toContainText("3");
  await expect(page.getByTestId("version-mismatch")).toHaveCount(0);
  await expect(page.getByTestId("compare-row")).toHaveCount(3);

  await card.getByTestId("regressions-count").click();
  await expect(page.getByRole("radio", { name: /Regressed/ })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("compare-row")).toHaveCount(3);
  await expect(page.getByTestId("row-delta").first()).toHaveText("−1");
  await expect(page.getByTestId("compare-export-csv")).toHaveAttribute("href", /filter=regressed/);
  await page.getByRole("radio", { name: /^Improved/ }).click();
  await expect(page.getByTestId("empty-state")).toContainText("No improved items");

  await page.getByRole("radio", { name: /Regressed/ }).click();
  await page.getByRole("radio", { name: "Output diff" }).click();
  await expect(page.getByTestId("diff-row")).toHaveCount(3);
  const diff = page.getByTestId("output-diff").first();
  await expect(diff).toBeVisible();
  // Baseline answered the expected text, the candidate echoed the input object.
  await expect(diff.getByTestId("diff-removed").first()).toBeVisible();
  await expect(diff.getByTestId("diff-added").first()).toBeVisible();

  // --- The comparison's view is in the URL: Back steps out of it and Forward returns, a reload and a shared link show it.
  await expect(page).toHaveURL(/[?&]filter=regressed/);
  await expect(page).toHaveURL(/[?&]view=diff/);
  const expectRegressedDiff = async (p: Page) => {
    await expect(p.getByRole("radio", { name: /Regressed/ })).toHaveAttribute("aria-checked", "true");
    await expect(p.getByRole("radio", { name: "Output diff" })).toHaveAttribute("aria-checked", "true");
    await expect(p.getByTestId("diff-row")).toHaveCount(3);
  };
  await expectRegressedDiff(page);
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]view=/);
  await expect(page.getByRole("radio", { name: "Table" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("compare-row")).toHaveCount(3);
  await expect(page.getByRole("radio", { name: /Regressed/ })).toHaveAttribute("aria-checked", "true");
  await page.goBack();
  await expect(page).toHaveURL(/[?&]filter=improved/);
  await expect(page.getByTestId("empty-state")).toContainText("No improved items");
  // The runs picked are in the URL too: the baseline stays picked throughout.
  await expect(page.getByLabel("Baseline run", { exact: true })).toHaveValue(baseline.runId);
  await page.goForward();
  await page.goForward();
  await expect(page).toHaveURL(/[?&]view=diff/);
  await expectRegressedDiff(page);

  await page.reload();
  await expectRegressedDiff(page);
  const shared = await page.context().newPage();
  await shared.goto(page.url());
  await expectRegressedDiff(shared);
  await shared.close();

  // Changed again, then Back.
  await page.getByRole("radio", { name: "Table" }).click();
  await expect(page).not.toHaveURL(/[?&]view=/);
  await expect(page.getByTestId("compare-row")).toHaveCount(3);
  await page.goBack();
  await expect(page).toHaveURL(/[?&]view=diff/);
  await expectRegressedDiff(page);
});
