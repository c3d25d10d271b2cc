import { describe, expect, it, vi } from "vitest";
import { allRunsChanged, runChanged } from "@/server/run-changes";
import { readThroughRunCache } from "./run-read-cache";

describe("readThroughRunCache", () => {
  it("answers from the cache until the run changes", async () => {
    let loads = 0;
    const load = async () => ++loads;
    expect(await readThroughRunCache("run-a", "get", load)).toBe(1);
    expect(await readThroughRunCache("run-a", "get", load)).toBe(1);
    runChanged("run-a");
    expect(await readThroughRunCache("run-a", "get", load)).toBe(2);
    // Another run's change leaves this entry alone; other keys are separate entries.
    runChanged("run-b");
    expect(await readThroughRunCache("run-a", "get", load)).toBe(2);
    expect(await readThroughRunCache("run-a", "results page 1", load)).toBe(3);
  });

  it("reloads an entry that is older than a second even without news of a change", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    try {
      let loads = 0;
      const load = async () => ++loads;
      await readThroughRunCache("run-c", "get", load);
      vi.advanceTimersByTime(900);
      expect(await readThroughRunCache("run-c", "get", load)).toBe(1);
      vi.advanceTimersByTime(200);
      expect(await readThroughRunCache("run-c", "get", load)).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not keep an answer loaded while the run changed", async () => {
    let loads = 0;
    const slowLoad = async () => {
      loads += 1;
      runChanged("run-d"); // a write lands while this read is in flight
      return loads;
    };
    expect(await readThroughRunCache("run-d", "get", slowLoad)).toBe(1);
    expect(await readThroughRunCache("run-d", "get", slowLoad)).toBe(2);
  });

  it("caches nothing when the load fails", async () => {
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error("not found");
    };
    await expect(readThroughRunCache("run-e", "get", failing)).rejects.toThrow("not found");
    await expect(readThroughRunCache("run-e", "get", failing)).rejects.toThrow("not found");
    expect(calls).toBe(2);
  });
});

describe("allRunsChanged", () => {
  it("outdates every run's entries (a renamed or deleted target or dataset)", async () => {
    let loads = 0;
    const load = async () => ++loads;
    await readThroughRunCache("run-f", "get", load);
    await readThroughRunCache("run-g", "get", load);
    allRunsChanged();
    expect(await readThroughRunCache("run-f", "get", load)).toBe(3);
    expect(await readThroughRunCache("run-g", "get", load)).toBe(4);
  });
});
