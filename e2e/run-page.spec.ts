import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";

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
