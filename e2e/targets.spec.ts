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

// ---- a local OpenAI-compatible server: the model under test and the judge ----

interface ChatCall {
  authorization: string | undefined;
  judge: boolean;
  model: string;
}

const CAPITALS: Record<string, string> = { France: "Paris", Japan: "Tokyo", Italy: "Milan" /* wrong on purpose: fails exact match */ };
const calls: ChatCall[] = [];
let server: http.Server;
let baseUrl = "";

function chatReply(model: string, content: string) {
  return {
    id: "chatcmpl-e2e",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
  };
}

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      const payload = JSON.parse(body) as { model: string; messages: { role: string; content: string }[] };
      const text = payload.messages.map((m) => m.content).join("\n");
      // The judge's prompt is the rubric ("Grade how well…"); the model under test gets the question.
      const judge = /grade/i.test(text);
      calls.push({ authorization: req.headers.authorization, judge, model: payload.model });
      const content = judge
        ? JSON.stringify({ score: 0.9, reason: "Names the right city." })
        : (CAPITALS[/capital of (\w+)/i.exec(text)?.[1] ?? ""] ?? "I do not know");
      // A little latency, so the measured figure is real.
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(chatReply(payload.model, content))), 40);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test("an OpenAI-compatible target: saved with its key masked, tried, then run with a judge gated on exact match", async ({ page, request }) => {
  const apiKey = `sk-e2e-${Math.random().toString(36).slice(2)}`;
  const targetName = unique("e2e local model");

  // ---- create, with a field error first ----
  await page.goto("/targets");
  await page.getByRole("button", { name: "New target" }).first().click();
  await expect(page).toHaveURL(/\/targets\/new$/);
  const form = page.getByTestId("target-form");
  await form.getByLabel("Name").fill(targetName);
  await form.getByRole("radio", { name: /OpenAI-compatible model/ }).click();
  await form.getByLabel("Base URL").fill(baseUrl);
  await form.getByLabel("API key").fill(apiKey);
  await form.getByRole("button", { name: "Create target" }).click();
  // Model is required: said next to the field, nothing sent.
  await expect(form.getByTestId("field-error")).toHaveText("is required");
  await form.getByLabel("Model").fill("local-e2e");
  await form.getByLabel("$ / 1k prompt tokens").fill("0.5");
  await form.getByLabel("$ / 1k completion tokens").fill("1.5");
  await form.getByRole("button", { name: "Create target" }).click();

  // ---- saved: the key comes back masked, and is nowhere in the page ----
  await expect(page).toHaveURL(/\/targets\/(?!new)[^/]+$/);
  await expect(page.getByTestId("target-name")).toHaveText(targetName);
  await expect(form.getByLabel("API key")).toHaveValue("••••••");
  expect(await page.content()).not.toContain(apiKey);
  await page.reload();
  await expect(page.getByLabel("API key")).toHaveValue("••••••");
  expect(await page.content()).not.toContain(apiKey);

  // ---- try it: the stored key is used, output, latency, tokens and cost shown ----
  const tryPanel = page.getByTestId("try-panel");
  await tryPanel.getByRole("button", { name: "Send" }).click();
  const result = tryPanel.getByTestId("try-result");
  await expect(result).toHaveAttribute("data-ok", "true");
  await expect(result.getByTestId("try-output")).toHaveText("Paris");
  await expect(result.getByTestId("try-latency")).toHaveText(/^\d+ ms$/);
  await expect(result.getByTestId("try-tokens")).toHaveText("12 / 3");
  await expect(result.getByTestId("try-cost")).toHaveText("$0.0105");
  expect(calls.at(-1)).toMatchObject({ authorization: `Bearer ${apiKey}`, judge: false, model: "local-e2e" });

  // ---- listed ----
  await page.getByRole("link", { name: "Targets", exact: true }).first().click();
  const row = page.getByTestId("target-row").filter({ hasText: targetName });
  await expect(row).toContainText("OpenAI-compatible");
  await expect(row).toContainText("local-e2e");

  // ---- run a dataset with the saved target, a cheap check and a judge gated on it ----
  const dataset = await mutate<{ id: string }>(request, "datasets.create", { name: unique("e2e capitals"), description: "" });
  await mutate(request, "items.bulkAdd", {
    datasetId: dataset.id,
    items: ["France", "Japan", "Italy"].map((country) => ({
      input: { question: `What is the capital of ${country}?` },
      expectedOutput: { France: "Paris", Japan: "Tokyo", Italy: "Rome" }[country],
    })),
  });
  await page.goto(`/datasets/${dataset.id}`);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const dialog = page.getByTestId("run-dialog");
  await expect(dialog.getByRole("radio", { name: "Saved target" })).toHaveAttribute("aria-checked", "true");
  await dialog.getByRole("radio", { name: new RegExp(targetName) }).click();
  await expect(dialog.getByRole("radio", { name: new RegExp(targetName) })).toHaveAttribute("aria-checked", "true");

  await dialog.getByRole("button", { name: "Remove scorer levenshtein" }).click();
  await dialog.getByRole("button", { name: "Add scorer" }).click();
  await dialog
    .getByTestId("scorer-picker")
    .getByRole("button", { name: /^LLM judge/ })
    .click();
  const judge = dialog.getByTestId("scorer-row").filter({ hasText: "LLM judge" });
  await judge.getByLabel("Judge base URL").fill(baseUrl);
  await judge.getByLabel("Judge API key").fill("judge-key");
  await judge.getByLabel("Judge model").fill("local-judge");
  await judge.getByRole("checkbox", { name: "exact-match" }).click();
  await expect(judge.getByTestId("gate-summary")).toContainText("Runs only on outputs that passed exact-match");
  await dialog.getByLabel("Retries").fill("0");
  const judgeCallsBefore = calls.filter((c) => c.judge).length;
  await dialog.getByRole("button", { name: "Start run" }).click();

  await expect(page).toHaveURL(/\/runs\/[^/]+$/);
  await expect(page.getByTestId("run-status")).toHaveText("Completed", { timeout: 15_000 });
  await expect(page.getByTestId("result-row")).toHaveCount(3);
  // The judge ran only where exact match passed (France, Japan), never on Italy's wrong answer.
  const judgeCalls = calls.filter((c) => c.judge).slice(judgeCallsBefore);
  expect(judgeCalls).toHaveLength(2);
  expect(judgeCalls.every((c) => c.authorization === "Bearer judge-key" && c.model === "local-judge")).toBe(true);
  // Neither secret reaches the run page.
  const html = await page.content();
  expect(html).not.toContain(apiKey);
  expect(html).not.toContain("judge-key");
});

test("leaving the target editor with unsaved changes asks first; cancelling keeps the edits", async ({ page }) => {
  await page.goto("/targets/new");
  const form = page.getByTestId("target-form");
  await form.getByLabel("Name").fill("unsaved e2e target");

  const dialogs: string[] = [];
  page.once("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole("main").getByRole("link", { name: "Targets" }).click();
  await expect(page).toHaveURL(/\/targets\/new$/);
  await expect(form.getByLabel("Name")).toHaveValue("unsaved e2e target");
  expect(dialogs[0]).toContain("unsaved changes");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("main").getByRole("link", { name: "Targets" }).click();
  await expect(page).toHaveURL(/\/targets$/);
});
