import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite, processGroupMembers, ServiceProcess, waitForGroupToExit } from "./processes";

/**
 * Stops as process managers do them, against the production start script
 * with its engine worker: systemd signals the whole process group (the
 * worker gets SIGTERM twice: from the group and from its parent); Docker,
 * PM2 and systemd with `npm start` as the command signal npm's pid only.
 * Every stop must drain once — in-flight target calls finish, the run's
 * lease is released — and leave no process behind.
 */
const STOPS = 10;
const ITEMS = 400;
const TARGET_LATENCY_MS = 150;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A loopback target that counts calls in flight and calls whose client went away before the answer. */
function startTarget() {
  let inFlight = 0;
  let answered = 0;
  let abandoned = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      inFlight += 1;
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { input: unknown };
      let done = false;
      res.on("close", () => {
        if (!done) abandoned += 1;
      });
      setTimeout(() => {
        done = true;
        inFlight -= 1;
        if (res.destroyed) return;
        answered += 1;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ output: body.input }));
      }, TARGET_LATENCY_MS);
    });
  });
  return new Promise<{ url: string; stats: () => { inFlight: number; answered: number; abandoned: number }; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        stats: () => ({ inFlight, answered, abandoned }),
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}

let target: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  await target?.close();
});

function runRow(dbFile: string, runId: string) {
  const db = openSqlite(dbFile, { readonly: true });
  try {
    return db.prepare("SELECT status, leaseOwner, doneCount FROM Run WHERE id = ?").get(runId) as {
      status: string;
      leaseOwner: string | null;
      doneCount: number;
    };
  } finally {
    db.close();
  }
}

async function waitForCallsInFlight(service: ServiceProcess) {
  const deadline = Date.now() + 15_000;
  while (target.stats().inFlight === 0) {
    if (Date.now() > deadline) throw new Error(`no target call in flight after 15 s:\n${service.log.slice(-2000)}`);
    await sleep(10);
  }
}

async function startRunInFlight(service: ServiceProcess, name: string) {
  const ds = await service.client.datasets.create.mutate({ name });
  await service.client.items.bulkAdd.mutate({ datasetId: ds.id, items: Array.from({ length: ITEMS }, (_, i) => ({ input: i, expectedOutput: i })) });
  const { runId } = await service.client.runs.trigger.mutate({
    datasetId: ds.id,
    target: { kind: "http", url: target.url, outputPath: "output" },
    settings: { concurrency: 4 },
  });
  return runId;
}

describe("stopping under a process manager", () => {
  it(`drains once and exits on SIGTERM to the whole process group (${STOPS} stops, each with calls in flight)`, async () => {
    const service = new ServiceProcess(3314, path.resolve(`data/system/stop-group-${Date.now()}.db`));
    const figures: { readyMs: number; stopMs: number; inFlightAtStop: number; doneAfter: number }[] = [];
    let runId = "";
    for (let stop = 0; stop < STOPS; stop++) {
      const readyMs = await service.start();
      // The first start triggers the run; each later one resumes it.
      if (stop === 0) runId = await startRunInFlight(service, "stop-group");
      await waitForCallsInFlight(service);
      await sleep(Math.round(Math.random() * TARGET_LATENCY_MS));
      const before = target.stats();
      const pgid = service.pgid;
      const stopStarted = Date.now();
      process.kill(-pgid, "SIGTERM");
      const exit = await service.exit!;
      const stopMs = Date.now() - stopStarted;
      const survivors = await waitForGroupToExit(pgid, 3_000);
      const row = runRow(service.dbFile, runId);
      figures.push({ readyMs, stopMs, inFlightAtStop: before.inFlight, doneAfter: row.doneCount });

      expect(exit, service.log.slice(-2000)).toEqual({ code: 0, signal: null });
      expect(survivors, `stop ${stop + 1}`).toEqual([]);
      expect(target.stats().abandoned, `stop ${stop + 1}: in-flight calls aborted`).toBe(0);
      expect(row, `stop ${stop + 1}`).toMatchObject({ status: "running", leaseOwner: null });
      // The worker gets the stop from the group and from its parent (two
      // SIGTERMs, or one when they arrive together) and drains once; the
      // start script exits 0 only when the worker did.
      expect(service.log.match(/shutting down: draining runs/g)).toHaveLength(1);
      expect(service.log).not.toMatch(/did not drain cleanly|restarting it/);
    }
    expect(figures.at(-1)!.doneAfter).toBeGreaterThan(0);
    console.log(
      `group SIGTERM: ${STOPS}/${STOPS} stops drained cleanly; target saw ${target.stats().answered} answered, ${target.stats().abandoned} abandoned calls`,
    );
    for (const f of figures)
      console.log(`  ready in ${f.readyMs} ms; ${f.inFlightAtStop} calls in flight at stop; stopped in ${f.stopMs} ms; ${f.doneAfter}/${ITEMS} done`);
  });

  it("stops the whole group when npm's pid gets SIGTERM (npm start as a service command)", async () => {
    const service = new ServiceProcess(3315, path.resolve(`data/system/stop-npm-${Date.now()}.db`));
    const readyMs = await service.start("npm");
    const runId = await startRunInFlight(service, "stop-npm");
    await waitForCallsInFlight(service);
    const pgid = service.pgid;
    expect(processGroupMembers(pgid).map((p) => p.command)).toEqual(
      expect.arrayContaining([expect.stringMatching(/src\/bin\/start\.mjs/), expect.stringMatching(/dist\/worker\/main\.js/)]),
    );
    const abandonedBefore = target.stats().abandoned;
    const stopStarted = Date.now();
    process.kill(pgid, "SIGTERM"); // npm's pid only, not the group
    const survivors = await waitForGroupToExit(pgid, 5_000);
    const stopMs = Date.now() - stopStarted;
    expect(survivors, service.log.slice(-2000)).toEqual([]);
    expect(service.log).toMatch(/has exited; stopping/);
    expect(target.stats().abandoned - abandonedBefore).toBe(0);
    expect(runRow(service.dbFile, runId)).toMatchObject({ status: "running", leaseOwner: null });
    console.log(`npm-pid SIGTERM: ready in ${readyMs} ms; every process of the group gone ${stopMs} ms after the signal, lease released`);
  });
});
