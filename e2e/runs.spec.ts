import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A tRPC mutation over plain HTTP (superjson envelope), for setup the UI test does not need to repeat. */
async function mutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
  const body = (await response.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

async function datasetWithItems(request: APIRequestContext, count: number): Promise<string> {
  const dataset = await mutate<{ id: string }>(request, "datasets.create", { name: unique("e2e run"), description: "" });
  await mutate(request, "items.bulkAdd", {
    datasetId: dataset.id,
    items: Array.from({ length: count }, (_, i) => ({ input: { question: `Question ${i + 1}` }, expectedOutput: `Answer ${i + 1}` })),
  });
  return dataset.id;
}

async function openRunDialog(page: Page) {
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const dialog = page.getByTestId("run-dialog");
  await expect(dialog).toBeVisible();
  // Saved targets are the default when there are any; these tests configure one in the dialog.
  await dialog.getByRole("radio", { name: "Configure here" }).click();
  return dialog;
}

test("items added in the UI run live against the demo target: pending/running, moving progress, completed with scores", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "New dataset" }).first().click();
  const create = page.getByTestId("create-dataset-dialog");
  await create.getByLabel("Name").fill(unique("e2e live"));
  await create.getByRole("button", { name: "Create dataset" }).click();
  await expect(page).toHaveURL(/\/datasets\//);

  const itemDialog = page.getByTestId("item-dialog");
  for (let i = 1; i <= 8; i++) {
    await page.getByRole("button", { name: "Add item" }).first().click();
    await itemDialog.getByLabel("Input").fill(`{ "question": "Capital number ${i}?" }`);
    await itemDialog.getByLabel("Expected output").fill(`City ${i}`);
    await itemDialog.getByRole("button", { name: "Add item" }).click();
    await expect(itemDialog).toBeHidden();
  }
  await expect(page.getByTestId("item-row")).toHaveCount(8);

  const runName = unique("e2e live run");
  const dialog = await openRunDialog(page);
  await dialog.getByLabel("Run name").fill(runName);
  // 8 items x 2.5 s at concurrency 2 = ~10 s: long enough for the 2 s polling to see it move even on a
  // loaded machine (at 1.2 s a slow first render once found the run already done).
  await dialog.getByLabel("Latency (ms)").fill("2500");
  await dialog.getByLabel("Jitter (ms)").fill("0");
  await dialog.getByLabel("Accuracy").fill("1");
  await dialog.getByLabel("Concurrency").fill("2");
  // Bad settings are caught next to the field before anything is sent.
  await dialog.getByLabel("Retries").fill("-1");
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(dialog.getByTestId("field-error")).toHaveText(/0 or more/);
  await dialog.getByLabel("Retries").fill("0");
  // A double click must not start two runs (button disabled + idempotency key).
  await dialog.getByRole("button", { name: "Start run" }).dblclick();

  await expect(page).toHaveURL(/\/runs\/[^/]+$/);
  await expect(page.getByRole("heading", { name: runName })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText(/Pending|Running/);
  // A counter strictly between 0 and 8 proves progress moves while the run runs.
  await expect(page.getByTestId("progress-count")).toHaveText(/^[1-7] \/ 8$/, { timeout: 15_000 });
  await expect(page.getByTestId("run-status")).toHaveText("Completed", { timeout: 30_000 });
  await expect(page.getByTestId("progress-count")).toHaveText("8 / 8");
  await expect(page.getByTestId("progress-failed")).toHaveText("0 failed");

  // Scores: two default scorers on 8 results, all passing with accuracy 1.
  await expect(page.getByTestId("result-row")).toHaveCount(8);
  await expect(page.getByTestId("score-chip")).toHaveCount(16);
  await expect(page.locator('[data-testid="score-chip"][data-passed="true"]')).toHaveCount(16);
  await expect(page.getByTestId("summary-scorer").first()).toContainText("100%");

  // The item drawer: keyboard opens it, Escape closes it.
  await page.getByTestId("result-row").first().focus();
  await page.keyboard.press("Enter");
  const drawer = page.getByTestId("result-drawer");
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText("Expected output");
  await expect(drawer.getByTestId("drawer-score")).toHaveCount(2);
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();

  // Exactly one run despite the double click, listed as completed.
  await page.getByRole("link", { name: "Runs", exact: true }).first().click();
  await expect(page.getByTestId("run-row").filter({ hasText: runName })).toHaveCount(1);
  await expect(page.getByTestId("run-row").filter({ hasText: runName })).toContainText("Completed");
});

test("a target that always fails: the run ends failed with its error and errored items", async ({ page, request }) => {
  const datasetId = await datasetWithItems(request, 3);
  await page.goto(`/datasets/${datasetId}`);

  const dialog = await openRunDialog(page);
  await dialog.getByLabel("Latency (ms)").fill("0");
  await dialog.getByLabel("Jitter (ms)").fill("0");
  await dialog.getByLabel("Failure rate").fill("1");
  await dialog.getByLabel("Retries").fill("0");
  await dialog.getByRole("button", { name: "Start run" }).click();

  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByTestId("run-status")).toHaveText("Failed", { timeout: 15_000 });
  await expect(page.getByTestId("run-error")).toContainText("All 3 results failed");
  await expect(page.getByTestId("progress-failed")).toHaveText("3 failed");
  await page.getByRole("radio", { name: /Errored/ }).click();
  await expect(page.getByTestId("result-row")).toHaveCount(3);
  await expect(page.getByTestId("result-error").first()).toContainText("failed on purpose");
  await page.getByRole("radio", { name: /Succeeded/ }).click();
  await expect(page.getByTestId("empty-state")).toContainText("No succeeded results");
});

test("an unreachable HTTP target: URL validated in the form, then the run fails with a readable error", async ({ page, request }) => {
  const datasetId = await datasetWithItems(request, 2);
  await page.goto(`/datasets/${datasetId}`);

  const dialog = await openRunDialog(page);
  await dialog.getByRole("radio", { name: /HTTP endpoint/ }).click();
  await dialog.getByLabel("URL").fill("not a url");
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(dialog.getByTestId("field-error")).toContainText("http:// or https://");
  // Focus goes to the first field with a problem.
  await expect(dialog.getByLabel("URL")).toBeFocused();

  await dialog.getByLabel("URL").fill("http://127.0.0.1:9/answer");
  await dialog.getByRole("button", { name: "Add header" }).click();
  await dialog.getByLabel("Header 1 name").fill("Authorization");
  await dialog.getByLabel("Header 1 value").fill("Bearer e2e-secret");
  await dialog.getByLabel("Retries").fill("0");
  await dialog.getByRole("button", { name: "Start run" }).click();

  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByTestId("run-status")).toHaveText("Failed", { timeout: 15_000 });
  await expect(page.getByTestId("run-error")).toBeVisible();
  await expect(page.getByTestId("result-row")).toHaveCount(2);
  // The secret header is masked in the run config.
  await expect(page.getByTestId("run-config")).toContainText("Authorization");
  await expect(page.getByTestId("run-config")).not.toContainText("e2e-secret");
});

test("a run without scorers is started only after a warning says what it will lack", async ({ page, request }) => {
  const datasetId = await datasetWithItems(request, 2);
  await page.goto(`/datasets/${datasetId}`);
  const dialog = await openRunDialog(page);
  await dialog.getByLabel("Latency (ms)").fill("0");
  await dialog.getByRole("button", { name: "Remove scorer levenshtein" }).click();
  await dialog.getByRole("button", { name: "Remove scorer exact-match" }).click();
  await dialog.getByRole("button", { name: "Start run" }).click();
  const warning = dialog.getByTestId("no-scorers-warning");
  await expect(warning).toContainText("no scorers");
  await expect(warning).toBeFocused();
  await expect(page).not.toHaveURL(/\/runs\//);
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[^/]+$/);
  await expect(page.getByTestId("run-status")).toHaveText("Completed", { timeout: 15_000 });
});

test("the runs list keeps its status and dataset filters, sort and page in the URL: reload, Back and a shared link", async ({ page, request }) => {
  const datasetId = await datasetWithItems(request, 1);
  const other = await datasetWithItems(request, 1);
  // 27 completed runs (two pages of 25 once filtered), 2 failed ones, and a run of another dataset.
  const trigger = (dataset: string, name: string, failureRate = 0) =>
    mutate(request, "runs.trigger", { datasetId: dataset, name, target: { kind: "demo", latencyMs: 0, jitterMs: 0, failureRate }, settings: { retries: 0 } });
  for (let i = 1; i <= 27; i++) await trigger(datasetId, `url run ${String(i).padStart(2, "0")}`);
  await trigger(datasetId, "url failed 1", 1);
  await trigger(datasetId, "url failed 2", 1);
  await trigger(other, "url other dataset");
  const listed = async (status: string) => {
    const input = encodeURIComponent(JSON.stringify({ json: { datasetId, status, page: 1, pageSize: 1 } }));
    const response = await request.get(`/api/trpc/runs.list?input=${input}`);
    return ((await response.json()) as { result: { data: { json: { total: number } } } }).result.data.json.total;
  };
  await expect.poll(async () => [await listed("completed"), await listed("failed")], { timeout: 30_000 }).toEqual([27, 2]);

  const statusRadio = (p: Page, name: string) => p.getByRole("radiogroup", { name: "Filter by status" }).getByRole("radio", { name, exact: true });
  const rows = (p: Page) => p.getByTestId("run-row");
  const pagination = (p: Page) => p.getByTestId("pagination");

  await page.goto("/runs");
  await expect(rows(page).first()).toBeVisible();
  await page.getByLabel("Filter by dataset").selectOption(datasetId);
  await expect(page).toHaveURL(new RegExp(`[?&]dataset=${datasetId}`));
  await expect(pagination(page)).toContainText("of 29 runs");
  await statusRadio(page, "Completed").click();
  await expect(page).toHaveURL(/[?&]status=completed/);
  await expect(pagination(page)).toContainText("1–25 of 27 runs");
  await expect(rows(page).first()).toContainText("url run 27");
  await page.getByLabel("Sort runs").selectOption("oldest");
  await expect(page).toHaveURL(/[?&]sort=oldest/);
  await expect(rows(page).first()).toContainText("url run 01");
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);

  /** Completed runs of the dataset, oldest first, page 2: the 26th and 27th. */
  const expectFilteredPage2 = async (p: Page) => {
    await expect(statusRadio(p, "Completed")).toHaveAttribute("aria-checked", "true");
    await expect(p.getByLabel("Filter by dataset")).toHaveValue(datasetId);
    await expect(p.getByLabel("Sort runs")).toHaveValue("oldest");
    await expect(pagination(p)).toContainText("26–27 of 27 runs");
    await expect(rows(p)).toHaveCount(2);
    await expect(rows(p).first()).toContainText("url run 26");
    await expect(rows(p).nth(1)).toContainText("url run 27");
  };
  await expectFilteredPage2(page);

  // Back steps through the changes one at a time, Forward returns.
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(pagination(page)).toContainText("1–25 of 27 runs");
  await expect(rows(page).first()).toContainText("url run 01");
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]sort=/);
  await expect(page.getByLabel("Sort runs")).toHaveValue("newest");
  await expect(rows(page).first()).toContainText("url run 27");
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]status=/);
  await expect(statusRadio(page, "All")).toHaveAttribute("aria-checked", "true");
  await expect(pagination(page)).toContainText("of 29 runs");
  await expect(rows(page).first()).toContainText("url failed 2");
  await page.goForward();
  await expect(page).toHaveURL(/[?&]status=completed/);
  await expect(statusRadio(page, "Completed")).toHaveAttribute("aria-checked", "true");
  await expect(pagination(page)).toContainText("1–25 of 27 runs");
  await page.goForward();
  await expect(page).toHaveURL(/[?&]sort=oldest/);
  await page.goForward();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expectFilteredPage2(page);

  // A reload and a shared link show the same view.
  await page.reload();
  await expectFilteredPage2(page);
  const shared = await page.context().newPage();
  await shared.goto(page.url());
  await expectFilteredPage2(shared);
  await shared.close();

  // Changed again, then Back: the view before the change.
  await statusRadio(page, "Failed").click();
  await expect(page).toHaveURL(/[?&]status=failed/);
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).first()).toContainText("url failed 1");
  await page.goBack();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expectFilteredPage2(page);

  // The nav's Runs link clears every filter.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs", exact: true }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(statusRadio(page, "All")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByLabel("Filter by dataset")).toHaveValue("");

  // A hand-edited link: values the page does not know read as the defaults.
  await page.goto(`/runs?status=bogus&page=-3&sort=sideways&dataset=${datasetId}`);
  await expect(statusRadio(page, "All")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByLabel("Sort runs")).toHaveValue("newest");
  await expect(pagination(page)).toContainText("1–25 of 29 runs");
  // A page past the end shows the last one.
  await page.goto(`/runs?dataset=${datasetId}&page=9`);
  await expect(pagination(page)).toContainText("26–29 of 29 runs");
  await expect(page).toHaveURL(/[?&]page=2/);
});

test("after a cancel the summary cards, the progress counters and the results table agree, without a reload", async ({ page, request }) => {
  const datasetId = await datasetWithItems(request, 80);
  const { runId } = await mutate<{ runId: string }>(request, "runs.trigger", {
    datasetId,
    // 80 items × 500 ms at concurrency 2: about 20 s, so the cancel comes mid-run.
    target: { kind: "demo", latencyMs: 500, jitterMs: 0, failureRate: 0.2 },
    scorers: [{ type: "exact-match" }],
    settings: { concurrency: 2, retries: 0 },
  });
  await page.goto(`/runs/${runId}`);
  const count = page.getByTestId("progress-count");
  const done = async () => Number((await count.textContent())?.split("/")[0]?.replaceAll(",", "").trim());
  await expect.poll(done, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
  await page.getByRole("button", { name: "Cancel run" }).click();
  // The confirmation's own "Cancel run" button.
  await page.getByRole("button", { name: "Cancel run" }).last().click();
  await expect(page.getByTestId("run-status")).toHaveText("Cancelled", { timeout: 10_000 });

  // A cancelled run is terminal at once, but its executor still stores the results the target had
  // answered and then the final summary: the page polls until the run says it has settled.
  await expect(page.getByTestId("run-progress")).toHaveAttribute("data-settled", "true", { timeout: 15_000 });
  const results = await done();
  const failed = Number((await page.getByTestId("progress-failed").textContent())?.split(" ")[0]);
  expect(results).toBeLessThan(80);
  await expect(page.getByTestId("summary-results")).toContainText(`${results} of 80 done`);
  await expect(page.getByTestId("summary-results")).toContainText(`${failed} errored`);
  await expect(page.getByTestId("summary-results")).toContainText(new RegExp(`(^|\\D)${results - failed}\\s*succeeded`));
  // The results table counts the same results (its first page of 50 rows).
  await expect(page.getByTestId("pagination-range")).toHaveText(`1–${Math.min(50, results)} of ${results} results`);
  await expect(page.getByTestId("result-row")).toHaveCount(Math.min(50, results));
});

test("Back past a reload, then the nav's Runs link: the list always shows what the address says", async ({ page, request }) => {
  const datasetId = await datasetWithItems(request, 1);
  // 26 completed runs of one dataset (two pages once filtered) and a failed one.
  const trigger = (name: string, failureRate = 0) =>
    mutate(request, "runs.trigger", { datasetId, name, target: { kind: "demo", latencyMs: 0, jitterMs: 0, failureRate }, settings: { retries: 0 } });
  for (let i = 1; i <= 26; i++) await trigger(`back run ${String(i).padStart(2, "0")}`);
  await trigger("back failed", 1);
  const input = encodeURIComponent(JSON.stringify({ json: { datasetId, status: "completed", page: 1, pageSize: 1 } }));
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/trpc/runs.list?input=${input}`)).json()) as { result: { data: { json: { total: number } } } }).result.data.json.total,
      {
        timeout: 30_000,
      },
    )
    .toBe(26);

  const statusRadio = (name: string) => page.getByRole("radiogroup", { name: "Filter by status" }).getByRole("radio", { name, exact: true });
  const pagination = page.getByTestId("pagination");
  /** What the list shows is what the address holds, whatever order the router and the history settle in. */
  const expectListMatchesUrl = async () => {
    await expect(async () => {
      const url = new URL(page.url());
      const status = url.searchParams.get("status");
      const pageNumber = url.searchParams.get("page") ?? "1";
      await expect(statusRadio(status === "completed" ? "Completed" : "All")).toHaveAttribute("aria-checked", "true", { timeout: 1_000 });
      await expect(page.getByLabel("Filter by dataset")).toHaveValue(url.searchParams.get("dataset") ?? "", { timeout: 1_000 });
      await expect(pagination).toContainText(`Page ${pageNumber} of`, { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
  };

  // The race showed up now and then: the sequence several times, with no pause between Back and the click.
  for (let round = 0; round < 4; round++) {
    await page.goto(`/runs?dataset=${datasetId}`);
    await expect(page.getByTestId("run-row").first()).toBeVisible();
    await statusRadio("Completed").click();
    await expect(page).toHaveURL(/[?&]status=completed/);
    await expect(pagination).toContainText("1–25 of 26 runs");
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(pagination).toContainText("26–26 of 26 runs");

    await page.reload();
    await expect(pagination).toContainText("26–26 of 26 runs");
    await page.goBack();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs", exact: true }).click();
    await expect(page).toHaveURL(/\/runs$/);
    await expect(statusRadio("All")).toHaveAttribute("aria-checked", "true");
    await expect(page.getByLabel("Filter by dataset")).toHaveValue("");
    await expectListMatchesUrl();

    // And Back from there: the filtered first page, as the address says.
    await page.goBack();
    await expect(page).toHaveURL(/[?&]status=completed/);
    await expect(page).not.toHaveURL(/[?&]page=/);
    await expectListMatchesUrl();
    await expect(pagination).toContainText("1–25 of 26 runs");
  }
});

test("the runs list shows each of the first three scorers' mean and pass rate in a column, the rest on hover, the target's name and how long it took", async ({
  page,
  request,
}) => {
  const datasetId = await datasetWithItems(request, 4);
  const targetName = unique("Support bot");
  const target = await mutate<{ id: string }>(request, "targets.create", {
    name: targetName,
    description: "",
    config: { kind: "demo", latencyMs: 0, jitterMs: 0, failureRate: 0, accuracy: 1 },
  });
  const runName = unique("scored run");
  await mutate(request, "runs.trigger", {
    datasetId,
    name: runName,
    targetId: target.id,
    scorers: [
      { type: "exact-match", name: "exact", params: {} },
      { type: "contains", name: "says answer", params: { values: ["Answer"] } },
      { type: "contains", name: "says nope", params: { values: ["nope"] } },
      { type: "levenshtein", name: "similarity", params: {} },
    ],
  });
  await page.goto(`/runs?dataset=${datasetId}`);
  const row = page.getByTestId("run-row").filter({ hasText: runName });
  await expect(row.getByTestId("run-duration")).toHaveAttribute("title", /^Took/, { timeout: 20_000 });

  // One column per scorer, in the run's order; its cell says mean and pass rate.
  const headers = page.locator("thead th");
  await expect(headers.filter({ hasText: /^exact$/ })).toHaveCount(1);
  await expect(headers.filter({ hasText: /^says answer$/ })).toHaveCount(1);
  await expect(headers.filter({ hasText: /^says nope$/ })).toHaveCount(1);
  await expect(headers.filter({ hasText: /^similarity$/ })).toHaveCount(0);
  const exact = row.locator('[data-testid="run-score"][data-scorer="exact"] div');
  await expect(exact).toHaveText(["1", "100%"]);
  await expect(row.locator('[data-testid="run-score"][data-scorer="says nope"] div')).toHaveText(["0", "0%"]);
  await expect(row.locator('[data-testid="run-score"][data-scorer="says nope"]')).toHaveAttribute("title", "says nope: mean 0, 0% passed");
  // The fourth: a count, its figures on hover.
  const more = row.getByTestId("run-more-scores");
  await expect(more).toHaveText("+1");
  await expect(more).toHaveAttribute("title", "similarity: mean 1, 100% passed");

  // The saved target by its name (its kind under it), not only its kind.
  await expect(row.getByTestId("run-target")).toHaveText(targetName);

  // "Took" is the run's executing time: a finished run's figure stays put.
  const took = await row.getByTestId("run-duration").textContent();
  expect(took).toMatch(/\d/);
  await page.waitForTimeout(1_500);
  await expect(row.getByTestId("run-duration")).toHaveText(took ?? "");
});
