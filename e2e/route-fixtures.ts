import { expect, type APIRequestContext } from "@playwright/test";

/**
 * Data every dashboard route needs to render its real content (not an empty
 * state): a dataset with items, a saved target, two finished runs to compare.
 * Shared by the phone-layout and accessibility specs, which visit every route.
 */

const suffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function call<T>(request: APIRequestContext, path: string, input: unknown, kind: "query" | "mutation"): Promise<T> {
  const response =
    kind === "mutation"
      ? await request.post(`/api/trpc/${path}`, { data: { json: input } })
      : await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.ok(), `${path}: ${await response.text()}`).toBeTruthy();
  const body = (await response.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

export interface RouteData {
  datasetId: string;
  datasetName: string;
  targetId: string;
  targetName: string;
  baselineId: string;
  baselineName: string;
  candidateId: string;
  candidateName: string;
}

export async function createRouteData(request: APIRequestContext): Promise<RouteData> {
  const id = suffix();
  // Long names on purpose: they are what overflowed or collapsed on phones.
  const datasetName = `Customer support questions ${id}`;
  const dataset = await call<{ id: string }>(
    request,
    "datasets.create",
    { name: datasetName, description: "Questions with the answers support gave" },
    "mutation",
  );
  await call(
    request,
    "items.bulkAdd",
    {
      datasetId: dataset.id,
      items: Array.from({ length: 6 }, (_, i) => ({ input: { question: `What is the capital of country number ${i + 1}?` }, expectedOutput: `City ${i + 1}` })),
    },
    "mutation",
  );
  const targetName = `Demo model ${id}`;
  const target = await call<{ id: string }>(
    request,
    "targets.create",
    {
      name: targetName,
      description: "",
      config: { kind: "demo", latencyMs: 0, jitterMs: 0, failureRate: 0, accuracy: 1 },
    },
    "mutation",
  );
  const scorers = [{ type: "exact-match", name: "exact", params: {} }];
  const baselineName = `Baseline demo run ${id}`;
  const candidateName = `Candidate echo run ${id}`;
  const baseline = await call<{ runId: string }>(
    request,
    "runs.trigger",
    { datasetId: dataset.id, name: baselineName, targetId: target.id, scorers },
    "mutation",
  );
  const candidate = await call<{ runId: string }>(
    request,
    "runs.trigger",
    { datasetId: dataset.id, name: candidateName, target: { kind: "echo" }, scorers },
    "mutation",
  );
  for (const runId of [baseline.runId, candidate.runId]) {
    await expect.poll(async () => (await call<{ status: string }>(request, "runs.get", { id: runId }, "query")).status, { timeout: 20_000 }).toBe("completed");
  }
  return {
    datasetId: dataset.id,
    datasetName,
    targetId: target.id,
    targetName,
    baselineId: baseline.runId,
    baselineName,
    candidateId: candidate.runId,
    candidateName,
  };
}

export interface RouteCase {
  name: string;
  path: string;
  /** The page's main action: visible and inside the viewport. */
  primary?: { role: "button" | "link"; name: string | RegExp };
  /** Names that must be visible (non-zero width, inside the viewport). */
  names: string[];
  /** A test id that appears once the page's slowest data has loaded. */
  ready?: string;
}

/** Every dashboard route, with what a person must be able to see and reach on it. */
export function routeCases(data: RouteData): RouteCase[] {
  return [
    { name: "datasets", path: "/", primary: { role: "button", name: "New dataset" }, names: [data.datasetName] },
    { name: "dataset", path: `/datasets/${data.datasetId}`, primary: { role: "button", name: "Run" }, names: [data.datasetName], ready: "item-row" },
    { name: "runs", path: "/runs", names: [data.baselineName, data.candidateName], ready: "run-row" },
    { name: "run", path: `/runs/${data.baselineId}`, primary: { role: "button", name: "Compare with…" }, names: [data.baselineName], ready: "result-row" },
    { name: "compare", path: `/compare?baseline=${data.baselineId}&candidate=${data.candidateId}`, names: ["exact"], ready: "compare-row" },
    { name: "targets", path: "/targets", primary: { role: "button", name: "New target" }, names: [data.targetName] },
    { name: "new target", path: "/targets/new", primary: { role: "button", name: "Create target" }, names: [] },
    { name: "target", path: `/targets/${data.targetId}`, primary: { role: "button", name: "Save changes" }, names: [data.targetName] },
    { name: "settings", path: "/settings", primary: { role: "button", name: "New API key" }, names: [] },
  ];
}
