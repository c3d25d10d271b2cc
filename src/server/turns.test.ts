import { describe, expect, it } from "vitest";
import { Turns } from "./turns";

/** Holds the thread for `ms`, as a transaction on the synchronous SQLite driver does. */
function busyFor(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // synchronous work
  }
}

/** A stand-in for a request: three hops through the event loop (read, route, write). */
function requestOfThreeTurns(log: string[]): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(() => setImmediate(() => setImmediate(() => (log.push("request answered"), resolve()))));
  });
}

describe("Turns", () => {
  it("runs queued jobs one at a time, in order, and passes on results and errors", async () => {
    const turns = new Turns(50);
    const log: string[] = [];
    const results = await Promise.allSettled([
      turns.run(async () => (log.push("a"), 1)),
      turns.run(async () => {
        log.push("b");
        throw new Error("b failed");
      }),
      turns.run(async () => (log.push("c"), 3)),
    ]);
    expect(log).toEqual(["a", "b", "c"]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([1, "b failed", 3]);
  });

  it("after a busy job, a request of several event-loop turns is answered before the next queued job starts", async () => {
    const turns = new Turns(100);
    const log: string[] = [];
    let request: Promise<void> | null = null;
    const jobs = [1, 2, 3].map((n) =>
      turns.run(async () => {
        log.push(`job ${n}`);
        // The request arrives while the first job holds the thread.
        if (n === 1) request = requestOfThreeTurns(log);
        busyFor(20);
      }),
    );
    await Promise.all(jobs);
    await request;
    expect(log).toEqual(["job 1", "request answered", "job 2", "job 3"]);
  });

  it("with no pause, jobs are separated by one turn only (the worker's setting): the same request waits for them all", async () => {
    const turns = new Turns(0);
    const log: string[] = [];
    let request: Promise<void> | null = null;
    const jobs = [1, 2, 3].map((n) =>
      turns.run(async () => {
        log.push(`job ${n}`);
        if (n === 1) request = requestOfThreeTurns(log);
        busyFor(5);
      }),
    );
    await Promise.all(jobs);
    await request;
    expect(log.indexOf("request answered")).toBeGreaterThan(log.indexOf("job 2"));
  });

  it("a turn taken with take() lasts until its end function is called, once", async () => {
    const turns = new Turns(0);
    const log: string[] = [];
    const end = await turns.take();
    const second = turns.run(async () => log.push("second"));
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual([]);
    end();
    end();
    await second;
    expect(log).toEqual(["second"]);
  });
});
