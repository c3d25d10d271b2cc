import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

/**
 * Reading a run with 100,000 results, at real scale: import 100k items as
 * JSONL, run them through the echo target, and use the run page while the
 * run writes — progress, paging, search, the "failed" filter, the drawer's
 * diff — then check the finished run end to end (last page, virtualised
 * 200-row pages, keyboard).
 */

const ITEMS = 100_000;
/** Every 10th item expects a different answer: echo fails exact-match on it (10,000 failures). */
const failsAt = (i: number) => i % 10 === 0;
/** 100 items whose question holds a word nothing else does, for the text search. */
const isNeedle = (i: number) => i % 1000 === 7;

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function mutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
  const body = (await response.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

function datasetJsonl(): string {
  const lines: string[] = [];
  for (let i = 1; i <= ITEMS; i++) {
    const question = isNeedle(i) ? `needle ${i}` : `q${i}`;
    const input = i % 3 === 0 ? { question, topic: ["math", "geo", "art"][(i % 7) % 3] } : { question };
    const expectedOutput = failsAt(i) ? { ...input, question: `${question}?` } : input;
    lines.push(JSON.stringify({ input, expectedOutput }));
  }
  return lines.join("\n") + "\n";
}

const doneCount = async (page: Page) => Number(((await page.getByTestId("progress-count").textContent()) ?? "").split("/")[0]!.replace(/\D/g, ""));

test("a 100,000-result run: live progress, paging, search, filters, diff, virtualised rows", async ({ page, request }) => {
  test.setTimeout(180_000);
  const started = Date.now();
  const lap = (label: string) => console.log(`[big-run] ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Warm-up on a tiny dataset: two runs, "Compare with…" from the second, the export links. It also
  // caches the run page's scripts, so the big run's page opens in seconds while the server is busy writing.
  const small = await mutate<{ id: string }>(request, "datasets.create", { name: unique("e2e small"), description: "" });
  await mutate(request, "items.bulkAdd", {
    datasetId: small.id,
    items: [
      { input: "a", expectedOutput: "a" },
      { input: "b", expectedOutput: "c" },
    ],
  });
  const smallRun = (name: string) =>
    mutate<{ runId: string }>(request, "runs.trigger", {
      datasetId: small.id,
      name,
      target: { kind: "echo" },
      scorers: [{ type: "exact-match", name: "exact" }],
    });
  const baseline = await smallRun(unique("baseline"));
  const candidate = await smallRun(unique("candidate"));
  await page.goto(`/runs/${candidate.runId}`);
  await expect(page.getByTestId("run-status")).toHaveText("Completed", { timeout: 15_000 });
  await page.getByTestId("export-menu").click();
  await expect(page.getByTestId("export-csv")).toHaveAttribute("href", `/api/runs/${candidate.runId}/export?format=csv`);
  await expect(page.getByTestId("export-jsonl")).toHaveAttribute("href", `/api/runs/${candidate.runId}/export?format=jsonl`);
  await page.keyboard.press("Escape");
  await page.getByTestId("compare-with").click();
  await expect(page.getByTestId("compare-with-option")).toHaveCount(1);
  await page.getByTestId("compare-with-option").click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?baseline=${baseline.runId}&candidate=${candidate.runId}$`));
  await page.goto(`/runs/${candidate.runId}`);
  await expect(page.getByTestId("results-toolbar")).toBeVisible();
  lap("warm-up");

  const dataset = await mutate<{ id: string }>(request, "datasets.create", { name: unique("e2e 100k"), description: "100,000 generated items" });
  const imported = await request.post(`/api/datasets/${dataset.id}/import?format=jsonl`, {
    data: Buffer.from(datasetJsonl()),
    headers: { "content-type": "application/x-ndjson" },
    timeout: 90_000,
  });
  expect(imported.ok(), await imported.text()).toBeTruthy();
  expect(((await imported.json()) as { imported: number }).imported).toBe(ITEMS);
  lap("imported");

  const { runId } = await mutate<{ runId: string }>(request, "runs.trigger", {
    datasetId: dataset.id,
    name: unique("e2e 100k run"),
    target: { kind: "echo" },
    scorers: [
      { type: "exact-match", name: "exact" },
      { type: "levenshtein", name: "similar" },
    ],
    settings: { concurrency: 16, timeoutMs: 10_000, retries: 0, repetitions: 1 },
  });

  // ---- while the run writes ----
  lap("triggered");
  await page.goto(`/runs/${runId}`, { waitUntil: "commit" });
  lap("navigated");
  await expect(page.getByTestId("progress-count")).toHaveText(/^[\d,]+ \/ 100,000$/);
  const first = await doneCount(page);
  lap(`first progress ${first}`);
  await expect.poll(() => doneCount(page), { message: "progress moves while the run runs", timeout: 20_000 }).toBeGreaterThan(first);
  lap(`run page open, progress ${first} → moving`);

  const rows = page.getByTestId("result-row");
  await expect(rows.first()).toBeVisible();
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.getByTestId("page-input")).toHaveValue("2");
  await expect(page.getByTestId("pagination-range")).toContainText(/^51–100 of/);
  // The table keeps page 1 (dimmed) until page 2 has arrived: wait for the page it shows.
  await expect(page.getByTestId("results-table")).toHaveAttribute("data-page", "2");
  await expect(rows.first()).toHaveAttribute("data-ordinal", /^\d+$/);
  expect(Number(await rows.first().getAttribute("data-ordinal"))).toBeGreaterThan(50);

  // Text search (server-side, debounced): only the needle items.
  await page.getByTestId("results-search").fill("NEEDLE");
  await expect(page.getByTestId("page-input")).toHaveValue("1");
  await expect(rows.first()).toContainText("needle");
  await expect(rows.filter({ hasNotText: "needle" })).toHaveCount(0);
  lap("search");

  // "Failed scores": every row has a failing chip; its drawer shows the JSON diff.
  await page.getByTestId("clear-filters").click();
  await page.getByRole("radio", { name: /Failed scores/ }).click();
  await expect(page.getByTestId("results-table")).toHaveAttribute("data-settled", "true");
  await expect(rows.first().locator('[data-testid="score-chip"][data-passed="false"]').first()).toBeVisible();
  expect(Number(await rows.first().getAttribute("data-ordinal")) % 10).toBe(0);
  await rows.first().click();
  const drawer = page.getByTestId("result-drawer");
  await expect(drawer).toBeVisible();
  const diff = drawer.getByTestId("result-diff");
  await expect(diff).toHaveAttribute("data-mode", "json");
  await expect(diff.getByTestId("diff-removed").first()).toContainText("?");
  await expect(diff.getByTestId("diff-added").first()).toBeVisible();
  await expect(drawer.getByTestId("drawer-score")).toHaveCount(2);
  // Next result (button, then j): still a failing item, further on.
  const firstTitle = await drawer.getByRole("heading", { level: 2 }).textContent();
  await drawer.getByRole("button", { name: "Next result" }).click();
  await expect(drawer.getByRole("heading", { level: 2 })).not.toHaveText(firstTitle ?? "");
  await expect(drawer.getByTestId("drawer-position")).toHaveText(/^2 of [\d,]+$/);
  await page.keyboard.press("j");
  await expect(drawer.getByTestId("drawer-position")).toHaveText(/^3 of [\d,]+$/);
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  lap("failed filter + drawer");

  // ---- the finished run ----
  await expect(page.getByTestId("run-status")).toHaveText("Completed", { timeout: 90_000 });
  await expect(page.getByTestId("progress-count")).toHaveText("100,000 / 100,000");
  await expect(page.getByTestId("progress-failed")).toHaveText("0 failed");
  lap("completed");
  await expect(page.getByTestId("results-match-count")).toHaveText("10,000 matching");

  // Score below a value on one scorer: the same 10,000 items (levenshtein < 1 exactly where the answer differs).
  await page.getByTestId("clear-filters").click();
  await page.getByTestId("score-below-scorer").selectOption("similar");
  await page.getByTestId("score-below-value").fill("1");
  await expect(page.getByTestId("results-match-count")).toHaveText("10,000 matching");
  await page.getByTestId("clear-filters").click();
  await page.getByTestId("results-search").fill("needle");
  await expect(page.getByTestId("results-match-count")).toHaveText("100 matching");
  await page.getByTestId("clear-filters").click();
  await expect(page.getByTestId("pagination-range")).toHaveText("1–50 of 100,000 results");

  // Jump to page 1,000 of 100-row pages: the last 100 items, in order.
  await page.getByTestId("page-size").selectOption("100");
  await page.getByTestId("page-input").fill("1000");
  await page.getByTestId("page-input").press("Enter");
  await expect(page.getByTestId("pagination-range")).toHaveText("99,901–100,000 of 100,000 results");
  await expect(rows.first()).toHaveAttribute("data-ordinal", "99901");
  await expect(rows.last()).toHaveAttribute("data-ordinal", "100000");

  // 200-row pages are virtualised: far fewer rows in the DOM, and scrolling reaches the end.
  await page.getByTestId("page-size").selectOption("200");
  await expect(page.getByTestId("pagination-range")).toHaveText("99,801–100,000 of 100,000 results");
  const scroller = page.getByTestId("results-scroll");
  await expect(scroller).toHaveAttribute("data-virtual", "true");
  expect(await rows.count()).toBeLessThan(100);
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.locator('[data-testid="result-row"][data-ordinal="100000"]')).toBeVisible();

  // Sort: slowest first puts latency in descending order.
  await page.getByTestId("results-sort").selectOption("latency-desc");
  await expect(page.getByTestId("page-input")).toHaveValue("1");

  // Keyboard: j / ArrowDown move the selection, Enter opens the drawer.
  await page.getByTestId("results-sort").selectOption("ordinal");
  await expect(rows.first()).toHaveAttribute("data-ordinal", "1");
  await rows.first().focus();
  await page.keyboard.press("j");
  await expect(page.locator('[data-testid="result-row"][aria-selected="true"]')).toHaveAttribute("data-ordinal", "2");
  await page.keyboard.press("ArrowDown");
  await expect(page.locator('[data-testid="result-row"][aria-selected="true"]')).toHaveAttribute("data-ordinal", "3");
  await page.keyboard.press("k");
  await expect(page.locator('[data-testid="result-row"]:focus')).toHaveAttribute("data-ordinal", "2");
  await page.keyboard.press("Enter");
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("heading", { level: 2 })).toContainText("#2");
  await expect(drawer.getByTestId("result-diff")).toHaveAttribute("data-identical", "true");
  lap("done");
});
