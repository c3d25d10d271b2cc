import { afterAll, beforeAll, expect, it } from "vitest";
import { api } from "@/test/caller";
import { datasetWith, waitForRunEnd } from "@/test/fixtures";
import { json, startHttpTarget } from "@/test/http-target";

let target: Awaited<ReturnType<typeof startHttpTarget>>;
let inFlight = 0;
let peak = 0;

beforeAll(async () => {
  target = await startHttpTarget(async (_request, res) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    // Slow enough that all 50 workers hold an attempt (and a listener on the run's signal) at once;
    // every third call is a 503 so backoffs wait on the signal too.
    await new Promise((resolve) => setTimeout(resolve, 150));
    inFlight -= 1;
    if (Math.random() < 0.3) json(res, 503, { error: "busy" });
    else json(res, 200, { ok: true });
  });
});
afterAll(() => target.close());

it("a run at concurrency 50 emits no process warning (one abort listener per run signal)", async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on("warning", onWarning);
  try {
    const ds = await datasetWith(Array.from({ length: 300 }, (_, n) => ({ input: { n } })));
    const { runId } = await api().runs.trigger({
      datasetId: ds.id,
      target: { kind: "http", url: target.url, retryableStatuses: [503] },
      scorers: [{ type: "json-valid" }],
      settings: { concurrency: 50, retries: 3, timeoutMs: 5_000 },
    });
    const run = await waitForRunEnd(runId, 60_000);
    expect(run.status).toBe("completed");
    expect(run.doneCount).toBe(300);
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", onWarning);
  }
  expect(peak).toBeGreaterThanOrEqual(40);
  expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
});
