import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, startHttpTarget } from "@/test/http-target";
import { ServerProcess } from "@/test/server-process";

/**
 * A cancel against the production server, where runs execute in the engine
 * worker: once `runs.cancel` has answered no new target call starts; every
 * call the target answered well before the cancel was sent is a stored
 * result, and no more than the target answered are stored; the final summary
 * agrees with the counters. An answer the target sent just before or while
 * the cancel was on its way may or may not be stored: the cancel aborts the
 * calls in flight, and an answer still unread in the engine worker's socket
 * when the abort lands (the worker runs at the lowest CPU priority) is
 * dropped with its call.
 */
const TARGET_LATENCY_MS = 120;
const CANCELS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Answers sent this long before the cancel must have been read by the engine. */
const READ_MARGIN_MS = 200;

let server: ServerProcess;
let target: Awaited<ReturnType<typeof startHttpTarget>>;
/** Arrival time of every call, and when each answered call's whole answer was sent. */
const arrivals: number[] = [];
const answeredAt: number[] = [];

beforeAll(async () => {
  target = await startHttpTarget(async ({ body }, res: http.ServerResponse) => {
    arrivals.push(Date.now());
    let closed = false;
    res.on("close", () => {
      if (!res.writableFinished) closed = true;
    });
    await sleep(TARGET_LATENCY_MS);
    if (closed) return;
    res.on("finish", () => answeredAt.push(Date.now()));
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
      answeredAt.length = 0;
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
      const cancelSentAt = Date.now();
      const cancel = await server.client.runs.cancel.mutate({ id: runId });
      const cancelAnsweredAt = Date.now();
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
      const callsAfterCancel = arrivals.filter((t) => t > cancelAnsweredAt).length;
      const answered = answeredAt.length;
      const answeredBeforeCancel = answeredAt.filter((t) => t < cancelSentAt - READ_MARGIN_MS).length;
      figures.push(
        `cancel ${round + 1}: last call ${lastCall - cancelAnsweredAt} ms after the cancel answered; ${answeredBeforeCancel} answered ${READ_MARGIN_MS} ms before it, ${answered} in all, ${run.doneCount} stored`,
      );
      expect(callsAfterCancel).toBe(0);
      expect(run.status).toBe("cancelled");
      expect(run.doneCount).toBeGreaterThanOrEqual(answeredBeforeCancel);
      expect(run.doneCount).toBeLessThanOrEqual(answered);
      const stored = await server.client.runs.results.query({ runId, pageSize: 1 });
      expect(stored.total).toBe(run.doneCount);
      expect(run.summary).not.toBeNull();
      expect(run.summary!.results.total).toBe(run.doneCount);
      expect(run.summary!.results.errored).toBe(run.failedCount);
    }
    console.log(figures.join("\n"));
  }, 120_000);
});
