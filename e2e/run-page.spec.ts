import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A tRPC mutation over plain HTTP (superjson envelope), for setup the UI test does not need to repeat. */
async function mutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
  const body = (await response.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

/**
 * A flaky HTTP target on loopback: every even-numbered question is refused
 * with a 400 (not retried by the engine) the first time it is asked, and
 * answered correctly from then on.
 */
function startFlakyTarget(): Promise<{ url: string; close: () => Promise<void>; calls: () => number }> {
  const seen = new Set<number>();
  let calls = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      calls++;
      const body = JSON.parse(raw || "{}") as { input?: { question?: string } };
      const n = Number(/(\d+)/.exec(body.input?.question ?? "")?.[1] ?? 0);
      res.setHeader("content-type", "application/json");
      if (n % 2 === 0 && !seen.has(n)) {
        seen.add(n);
        res.statusCode = 400;
        res.end(JSON.stringify({ error: "refused on purpose the first time" }));
        return;
      }
      res.end(JSON.stringify({ answer: `Answer ${n}` }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/answer`,
        calls: () => calls,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

test("retry failed items: a run with failures is retried in place and completes with 0 failed; charts render", async ({ page, request }) => {
  const target = await startFlakyTarget();
  try {
    const dataset = await mutate<{ id: string }>(request, "datasets.create", { name: unique("e2e retry"), description: "" });
    await mutate(request, "items.bulkAdd", {
      datasetId: dataset.id,
      items: Array.from({ length: 6 }, (_, i) => ({ input: { question: `Question ${i + 1}` }, expectedOutput: `Answer ${i + 1}` })),
    });
    const { runId } = await mutate<{ runId: string }>(request, "runs.trigger", {
      datasetId: dataset.id,
      name: unique("e2e retry run"),
      target: { kind: "http", url: target.url, outputPath: "answer" },
      scorers: [{ type: "exact-match", name: "exact" }],
      settings: { concurrency: 3, timeoutMs: 5_000, retries: 0, repetitions: 1 },
    });

    await page.goto(`/runs/${runId}`);
    // Items 2, 4 and 6 were refused: the run ends with 3 failed.
    await expect(page.getByTestId("progress-failed")).toHaveText("3 failed", { timeout: 15_000 });
    await expect(page.getByTestId("run-status")).toHaveText(/Completed|Failed/);
    await expect(page.getByTestId("run-round")).toHaveCount(0);

    // The charts: one score histogram (3 outputs scored 1) and the latency histogram.
    const scoreChart = page.getByTestId("score-distribution");
    await expect(scoreChart).toHaveCount(1);
    await expect(scoreChart).toContainText("3 scored");
    await expect(scoreChart.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect(page.getByTestId("latency-distribution").locator(".recharts-bar-rectangle").first()).toBeVisible();

    const retryButton = page.getByTestId("retry-failed");
    await expect(retryButton).toContainText("3");
    await retryButton.click();
    const dialog = page.getByTestId("retry-dialog");
    await expect(dialog).toContainText("Retry 3 items?");
    await expect(dialog).toContainText("3 failed items will run again");
    await dialog.getByRole("button", { name: "Retry 3 items" }).click();
    await expect(dialog).toBeHidden();

    // Polling resumes: the run goes back through pending/running and completes clean.
    await expect(page.getByTestId("run-status")).toHaveText("Completed", { timeout: 15_000 });
    await expect(page.getByTestId("progress-failed")).toHaveText("0 failed");
    await expect(page.getByTestId("progress-count")).toHaveText("6 / 6");
    await expect(page.getByTestId("run-round")).toHaveText("round 2");
    await expect(page.getByTestId("retry-failed")).toHaveCount(0);
    await expect(page.getByTestId("result-row")).toHaveCount(6);
    await expect(page.locator('[data-testid="score-chip"][data-passed="true"]')).toHaveCount(6);
    await expect(page.getByTestId("score-distribution")).toContainText("6 scored");
    // 6 first calls + 3 retried calls: nothing that succeeded ran twice.
    expect(target.calls()).toBe(9);

    // A retried result says which round produced it.
    await page.getByTestId("result-row").filter({ hasText: "Question 2" }).click();
    await expect(page.getByTestId("drawer-round")).toHaveText("Round 2");
  } finally {
    await target.close();
  }
});

test("a gated scorer: skipped chips and the 'ran on N of M' hint", async ({ page, request }) => {
  const dataset = await mutate<{ id: string }>(request, "datasets.create", { name: unique("e2e gated"), description: "" });
  await mutate(request, "items.bulkAdd", {
    datasetId: dataset.id,
    items: [
      { input: "yes", expectedOutput: "yes" },
      { input: "no", expectedOutput: "nope" },
      { input: "maybe", expectedOutput: "maybe" },
    ],
  });
  // Echo returns the input: 2 of 3 match exactly, so the gated scorer runs on those 2.
  const { runId } = await mutate<{ runId: string }>(request, "runs.trigger", {
    datasetId: dataset.id,
    target: { kind: "echo" },
    scorers: [
      { type: "exact-match", name: "exact" },
      { type: "levenshtein", name: "similar", gate: { requires: ["exact"] } },
    ],
  });
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("run-status")).toHaveText("Completed", { timeout: 15_000 });
  await expect(page.getByTestId("gated-hint")).toContainText("Ran on 2 of 3 outputs");
  const skipped = page.locator('[data-testid="score-chip"][data-passed="skipped"]');
  await expect(skipped).toHaveCount(1);
  await expect(skipped).toHaveAttribute("title", /similar: skipped — .*exact/);
});

test("the results table keeps its filter, sort, page and search in the URL: reload, Back and a shared link", async ({ page, request }) => {
  const dataset = await mutate<{ id: string }>(request, "datasets.create", { name: unique("e2e results url"), description: "" });
  // The echo target answers the input: items whose expected output is not the input fail exact match (87 of 130, none errored).
  const fails = (i: number) => i % 3 !== 0;
  await mutate(request, "items.bulkAdd", {
    datasetId: dataset.id,
    items: Array.from({ length: 130 }, (_, k) => k + 1).map((i) => ({ input: `question ${i}`, expectedOutput: fails(i) ? "something else" : `question ${i}` })),
  });
  const { runId } = await mutate<{ runId: string }>(request, "runs.trigger", {
    datasetId: dataset.id,
    target: { kind: "echo" },
    scorers: [{ type: "exact-match", name: "exact" }],
  });
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/trpc/runs.get?input=${encodeURIComponent(JSON.stringify({ json: { id: runId } }))}`);
        return ((await response.json()) as { result: { data: { json: { status: string } } } }).result.data.json.status;
      },
      { timeout: 20_000 },
    )
    .toBe("completed");
  const searched = Array.from({ length: 130 }, (_, k) => k + 1).filter((i) => fails(i) && `question ${i}`.includes("question 1")).length;

  const filterRadio = (p: Page, name: RegExp) => p.getByRole("radiogroup", { name: "Filter results" }).getByRole("radio", { name });
  const rows = (p: Page) => p.getByTestId("result-row");
  const settledTable = (p: Page) => p.locator('[data-testid="results-table"][data-settled="true"]');

  await page.goto(`/runs/${runId}`);
  await expect(rows(page)).toHaveCount(50);
  await filterRadio(page, /Failed scores/).click();
  await expect(page).toHaveURL(/[?&]filter=failed/);
  await expect(page.getByTestId("results-match-count")).toHaveText("87 matching");
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);

  /** Failing items, page 2 of 2: the 51st failing item is #76. */
  const expectFailedPage2 = async (p: Page) => {
    await expect(filterRadio(p, /Failed scores/)).toHaveAttribute("aria-checked", "true");
    await expect(p.getByLabel("Page number")).toHaveValue("2");
    await expect(p.getByTestId("pagination-range")).toHaveText("51–87 of 87 results");
    await expect(settledTable(p)).toHaveAttribute("data-page", "2");
    await expect(rows(p).first()).toHaveAttribute("data-ordinal", "76");
  };
  await expectFailedPage2(page);
  // A row opens its drawer after the filter and page changes.
  await rows(page).first().click();
  await expect(page.getByRole("dialog", { name: "Item #76" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // A sort (back to page 1), then a search typed in the box.
  await page.getByLabel("Sort results").selectOption("latency-desc");
  await expect(page).toHaveURL(/[?&]sort=latency-desc/);
  await expect(page).not.toHaveURL(/[?&]page=/);
  await page.getByLabel("Search results").fill("question 1");
  await expect(page).toHaveURL(/[?&]q=question(\+|%20)1(&|$)/);
  /** Failing items whose text holds "question 1", slowest first. */
  const expectSearched = async (p: Page) => {
    await expect(p.getByLabel("Search results")).toHaveValue("question 1");
    await expect(p.getByLabel("Sort results")).toHaveValue("latency-desc");
    await expect(filterRadio(p, /Failed scores/)).toHaveAttribute("aria-checked", "true");
    await expect(p.getByTestId("results-match-count")).toHaveText(`${searched} matching`);
    await expect(rows(p)).toHaveCount(searched);
  };
  await expectSearched(page);

  // Back: the search went into the sort's entry, so one step returns to page 2 in item order, the next to page 1, then no filter.
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&](sort|q)=/);
  await expect(page.getByLabel("Search results")).toHaveValue("");
  await expect(page.getByLabel("Sort results")).toHaveValue("ordinal");
  await expectFailedPage2(page);
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(page.getByLabel("Page number")).toHaveValue("1");
  await expect(rows(page).first()).toHaveAttribute("data-ordinal", "1");
  await page.goBack();
  await expect(page).not.toHaveURL(/\?/);
  await expect(filterRadio(page, /^All/)).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("pagination-range")).toHaveText("1–50 of 130 results");
  // Forward all the way: the search again.
  await page.goForward();
  await expect(page).toHaveURL(/[?&]filter=failed/);
  await page.goForward();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expectFailedPage2(page);
  await page.goForward();
  await expect(page).toHaveURL(/[?&]q=question/);
  await expectSearched(page);

  // A reload and a shared link show the same view.
  await page.reload();
  await expectSearched(page);
  const shared = await page.context().newPage();
  await shared.goto(page.url());
  await expectSearched(shared);
  await shared.close();

  // Changed again, then Back: the view before the change, and a row still opens its drawer.
  await filterRadio(page, /Errored/).click();
  await expect(page).toHaveURL(/[?&]filter=errored/);
  await expect(page.getByTestId("empty-state")).toContainText("No results match");
  await page.goBack();
  await expect(page).toHaveURL(/[?&]filter=failed/);
  await expectSearched(page);
  await rows(page).nth(2).click();
  const ordinal = await rows(page).nth(2).getAttribute("data-ordinal");
  await expect(page.getByRole("dialog", { name: `Item #${ordinal}` })).toBeVisible();
});
