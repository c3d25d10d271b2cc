import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, startHttpTarget } from "@/test/http-target";
import { ServerProcess } from "@/test/server-process";

/**
 * A cancel against the production server, where runs execute in the engine
 * worker: once `runs.cancel` has answered no new target call starts; every
 * call the target answered is a stored result; the final summary agrees with
 * the counters.
 */
const TARGET_LATENCY_MS = 120;
const CANCELS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: ServerProcess;
let target: Awaited<ReturnType<typeof startHttpTarget>>;
/** Arrival time of every call, and how many calls got their whole answer. */
const arrivals: number[] = [];
let answered = 0;

beforeAll(async () => {
  target = await startHttpTarget(async ({ body }, res: http.ServerResponse) => {
    arrivals.push(Date.now());
    let closed = false;
    res.on("close", () => {
      if (!res.writableFinished) closed = true;
    });
    await sleep(TARGET_LATENCY_MS);
    if (closed) return;
    res.on("finish", () => (answered += 1));
    json(res, 200, { output: (body as { input: unknown }).input });
  });
  server = new ServerProcess(3320, "cancel");
  await server.start();
});

afterAll(async () => {
  await server?.stop("SIGKILL");
  await target?.close();
});

describe("cancel in the engine worker", () => {
  it(`keeps every answered result, starts no call after it answers, and writes the final summary (${CANCELS} cancels)`, async () => {
    const ds = await server.client.datasets.create.mutate({ name: "cancel" });
    await server.client.items.bulkAdd.mutate({ datasetId: ds.id, items: Array.from({ length: 400 }, (_, i) => ({ input: i, expectedOutput: i })) });
    const figures: string[] = [];
    for (let round = 0; round < CANCELS; round++) {
      arrivals.length = 0;
      answered = 0;
      const { runId } = await server.client.runs.trigger.mutate({
        datasetId: ds.id,
        target: { kind: "http", url: target.url, outputPath: "output" },
        scorers: [{ type: "exact-match" }],
        settings: { concurrency: 8, retries: 0 },
      });
      // Cancel at a different point of each run.
      for (;;) {
        const run = await server.client.runs.get.query({ id: runId });
        if (run.doneCount >= 10 + round * 7) break;
        await sleep(15);
      }
      const cancel = await server.client.runs.cancel.mutate({ id: runId });
      const answeredAt = Date.now();
      expect(cancel.status).toBe("cancelled");

      // The executor stores what finished and writes the summary, then lets the lease go.
      let run = await server.client.runs.get.query({ id: runId });
      for (let i = 0; i < 200 && run.summary?.results.total !== run.doneCount; i++) {
        await sleep(25);
        run = await server.client.runs.get.query({ id: runId });
      }
      await sleep(500);
      run = await server.client.runs.get.query({ id: runId });

      const lastCall = Math.max(...arrivals);
      const callsAfterCancel = arrivals.filter((t) => t > answeredAt).length;
      figures.push(`cancel ${round + 1}: last call ${lastCall - answeredAt} ms after the cancel answered, ${answered} answered, ${run.doneCount} stored`);
      expect(callsAfterCancel).toBe(0);
      expect(run.status).toBe("cancelled");
      expect(run.doneCount).toBe(answered);
      const stored = await server.client.runs.results.query({ runId, pageSize: 1 });
      expect(stored.total).toBe(answered);
      expect(run.summary).not.toBeNull();
      expect(run.summary!.results.total).toBe(run.doneCount);
      expect(run.summary!.results.errored).toBe(run.failedCount);
    }
    console.log(figures.join("\n"));
  }, 120_000);
});
