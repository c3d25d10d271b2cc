import { describe, expect, it } from "vitest";
import { Pause } from "./sleep";

describe("Pause", () => {
  it("ends after its time, on wake, or when a signal aborts", async () => {
    const tick = new Pause();
    let started = performance.now();
    await tick.pause(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);

    started = performance.now();
    setTimeout(() => tick.wake(), 5);
    await tick.pause(5_000);
    expect(performance.now() - started).toBeLessThan(1_000);

    const abort = new AbortController();
    started = performance.now();
    setTimeout(() => abort.abort(), 5);
    await tick.pause(5_000, [abort.signal]);
    expect(performance.now() - started).toBeLessThan(1_000);
    // An aborted signal ends every later pause at once.
    await tick.pause(5_000, [abort.signal]);
  });

  it("keeps a wake that came between two pauses for the next one, once", async () => {
    const tick = new Pause();
    tick.wake();
    let started = performance.now();
    await tick.pause(5_000);
    expect(performance.now() - started).toBeLessThan(1_000);
    started = performance.now();
    await tick.pause(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });
});
