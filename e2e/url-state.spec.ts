import { expect, test, type APIRequestContext } from "@playwright/test";

/**
 * Lists keep their filters, sort and page in the URL: a link shares the view,
 * and a reload or Back (from a page the list links to) comes back to it.
 */
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function call<T>(request: APIRequestContext, path: string, input: unknown, kind: "query" | "mutation" = "mutation"): Promise<T> {
  const response =
    kind === "mutation"
      ? await request.post(`/api/trpc/${path}`, { data: { json: input } })
      : await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("the results table keeps its filter, sort and page through a reload and Back", async ({ page, request }) => {
  const dataset = await call<{ id: string }>(request, "datasets.create", { name: unique("url state"), description: "" });
  await call(request, "items.bulkAdd", { datasetId: dataset.id, items: Array.from({ length: 130 }, (_, i) => ({ input: `question ${i + 1}`, expectedOutput: `question ${i + 1}` })) });
  const { runId } = await call<{ runId: string }>(request, "runs.trigger", {
    datasetId: dataset.id,
    target: { kind: "demo", latencyMs: 0, jitterMs: 0, failureRate: 0 },
    scorers: [{ type: "exact-match" }],
  });
  await expect.poll(async () => (await call<{ status: string }>(request, "runs.get", { id: runId }, "query")).status, { timeout: 20_000 }).toBe("completed");

  await page.goto(`/runs/${runId}`);
  const rows = page.getByTestId("result-row");
  await expect(rows.first()).toBeVisible();
  await page.getByRole("radiogroup", { name: "Filter results" }).getByRole("radio", { name: /Succeeded/ }).click();
  await page.getByLabel("Sort results").selectOption("latency-desc");
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/filter=succeeded/);
  await expect(page).toHaveURL(/sort=latency-desc/);
  await expect(page).toHaveURL(/page=2/);

  const expectView = async () => {
    await expect(page.getByRole("radiogroup", { name: "Filter results" }).getByRole("radio", { name: /Succeeded/ })).toHaveAttribute("aria-checked", "true");
    await expect(page.getByLabel("Sort results")).toHaveValue("latency-desc");
    await expect(page.getByLabel("Page number")).toHaveValue("2");
  };
  await expectView();
  await page.reload();
  await expectView();

  // Away to the dataset and Back.
  await page.goto(`/datasets/${dataset.id}`);
  await expect(page.getByTestId("item-row").first()).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/page=2/);
  await expectView();
});

test("the items table keeps its search and page in the URL, and the runs list its status filter", async ({ page, request }) => {
  const dataset = await call<{ id: string }>(request, "datasets.create", { name: unique("url items"), description: "" });
  await call(request, "items.bulkAdd", {
    datasetId: dataset.id,
    items: Array.from({ length: 60 }, (_, i) => ({ input: i % 2 === 0 ? `paris question ${i}` : `rome question ${i}` })),
  });
  await page.goto(`/datasets/${dataset.id}`);
  await page.getByLabel("Search items").fill("paris");
  await expect(page).toHaveURL(/itemsSearch=paris/);
  await expect(page.getByTestId("item-row").first()).toContainText("paris");
  await page.reload();
  await expect(page.getByLabel("Search items")).toHaveValue("paris");
  await expect(page.getByTestId("item-row").first()).toContainText("paris");

  await page.goto("/runs?status=completed");
  await expect(page.getByRole("radiogroup", { name: "Filter by status" }).getByRole("radio", { name: "Completed" })).toHaveAttribute("aria-checked", "true");
  // A value the page does not know reads as the default.
  await page.goto("/runs?status=bogus&page=-3");
  await expect(page.getByRole("radiogroup", { name: "Filter by status" }).getByRole("radio", { name: "All" })).toHaveAttribute("aria-checked", "true");
});
