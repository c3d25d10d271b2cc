import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function call<T>(request: APIRequestContext, path: string, input: unknown, kind: "mutation" | "query" = "mutation"): Promise<T> {
  const response =
    kind === "mutation"
      ? await request.post(`/api/trpc/${path}`, { data: { json: input } })
      : await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function waitForEnd(request: APIRequestContext, runId: string) {
  await expect
    .poll(async () => (await call<{ status: string }>(request, "runs.get", { id: runId }, "query")).status, { timeout: 30_000 })
    .toMatch(/completed|failed|cancelled/);
}

/** Answers `{ output: input }`, except inputs below `brokenBelow` get an HTTP 500. */
function startTarget(brokenBelow: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const input = (JSON.parse(raw) as { input: string }).input;
      const broken = Number(input.slice(1)) < brokenBelow;
      res.writeHead(broken ? 500 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify(broken ? { error: "down" } : { output: input }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise<void>((done) => server.close(() => done())) }),
    ),
  );
}

test("errored items count as 0 on the run page, and the comparison counts them as regressions", async ({ page, request }) => {
  const good = await startTarget(0);
  const broken = await startTarget(10);
  try {
    const dataset = await call<{ id: string }>(request, "datasets.create", { name: unique("e2e errors"), description: "" });
    await call(request, "items.bulkAdd", { datasetId: dataset.id, items: Array.from({ length: 20 }, (_, i) => ({ input: `q${i}`, expectedOutput: `q${i}` })) });
    const trigger = (url: string, scorers: object[]) =>
      call<{ runId: string }>(request, "runs.trigger", {
        datasetId: dataset.id,
        target: { kind: "http", url, outputPath: "output" },
        scorers,
        settings: { concurrency: 4, timeoutMs: 5_000, retries: 0, repetitions: 1 },
      });
    const baseline = await trigger(good.url, [
      { type: "exact-match", name: "exact" },
      { type: "levenshtein", name: "similar" },
    ]);
    const candidate = await trigger(broken.url, [{ type: "exact-match", name: "exact" }]);
    await waitForEnd(request, baseline.runId);
    await waitForEnd(request, candidate.runId);

    await page.goto(`/runs/${candidate.runId}`);
    const card = page.getByTestId("summary-scorer").filter({ hasText: "exact" });
    await expect(card).toContainText("0.50mean50.0%pass");
    await expect(card.getByTestId("scorer-target-errors")).toHaveText("· 10 errored as 0");
    await expect(card.getByTestId("answered-only")).toHaveText("Answered only: mean 1 · pass 100%");
    await expect(page.getByTestId("summary-notice")).toContainText("10 of 20 results errored");
    await expect(page.getByTestId("score-distribution")).toContainText("10 errored (as 0)");

    await page.goto(`/compare?baseline=${baseline.runId}&candidate=${candidate.runId}`);
    await expect(page.getByTestId("regressed-items")).toHaveText("10");
    await expect(page.getByTestId("compare-errored")).toContainText("0 → 10");
    await expect(page.getByTestId("scorers-one-side")).toContainText("only in baseline: similar");
    const exact = page.locator('[data-testid="scorer-card"][data-scorer="exact"]');
    await expect(exact.getByTestId("regressions-count")).toContainText("10");
    await expect(exact.getByTestId("significant")).toBeVisible();
  } finally {
    await good.close();
    await broken.close();
  }
});

test("flaky items across repetitions: counted in the summary, filterable in the results and the comparison", async ({ page, request }) => {
  const dataset = await call<{ id: string }>(request, "datasets.create", { name: unique("e2e flaky"), description: "" });
  await call(request, "items.bulkAdd", { datasetId: dataset.id, items: Array.from({ length: 12 }, (_, i) => ({ input: `q${i}`, expectedOutput: `q${i}` })) });
  const trigger = (accuracy: number, repetitions: number) =>
    call<{ runId: string }>(request, "runs.trigger", {
      datasetId: dataset.id,
      target: { kind: "demo", latencyMs: 0, jitterMs: 0, failureRate: 0, accuracy },
      scorers: [{ type: "exact-match", name: "exact" }],
      settings: { concurrency: 4, timeoutMs: 5_000, retries: 0, repetitions },
    });
  const baseline = await trigger(1, 1);
  const { runId } = await trigger(0.5, 5);
  await waitForEnd(request, baseline.runId);
  await waitForEnd(request, runId);
  const run = await call<{ summary: { scorers: { flakyItems: number }[] } }>(request, "runs.get", { id: runId }, "query");
  const flaky = run.summary.scorers[0]!.flakyItems;
  expect(flaky).toBeGreaterThan(0);

  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("flaky-items")).toContainText(`${flaky} flaky ${flaky === 1 ? "item" : "items"}`);
  const filter = page.getByTestId("results-toolbar").getByRole("radio", { name: /Flaky/ });
  await filter.click();
  // Every repetition of every flaky item; the first page shows 50.
  await expect(filter).toContainText(String(flaky * 5));
  await expect(page.getByTestId("result-row")).toHaveCount(Math.min(flaky * 5, 50));

  await page.goto(`/compare?baseline=${baseline.runId}&candidate=${runId}`);
  await expect(page.getByTestId("compare-flaky")).toContainText(String(flaky));
  await page.getByTestId("compare-flaky").click();
  await expect(page.getByTestId("compare-row")).toHaveCount(Math.min(flaky, 25));
  await expect(page.getByTestId("compare-row").first().getByTestId("flaky-badge")).toBeVisible();
  await expect(page.getByTestId("compare-row").first().getByTestId("side-repetitions").last()).toContainText("/5");
});
