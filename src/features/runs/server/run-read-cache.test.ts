import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { allRunsChanged, runChanged } from "@/server/run-changes";
import { readThroughRunCache } from "./run-read-cache";

const answer = z.unknown();

describe("readThroughRunCache", () => {
  it("answers from the cache until the run changes", async () => {
    let loads = 0;
    const load = async () => ++loads;
    expect(await readThroughRunCache("run-a", "get", answer, load)).toBe(1);
    expect(await readThroughRunCache("run-a", "get", answer, load)).toBe(1);
    runChanged("run-a");
    expect(await readThroughRunCache("run-a", "get", answer, load)).toBe(2);
    // Another run's change leaves this entry alone; other keys are separate entries.
    runChanged("run-b");
    expect(await readThroughRunCache("run-a", "get", answer, load)).toBe(2);
    expect(await readThroughRunCache("run-a", "results page 1", answer, load)).toBe(3);
  });

  it("reloads an entry that is older than a second even without news of a change", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    try {
      let loads = 0;
      const load = async () => ++loads;
      await readThroughRunCache("run-c", "get", answer, load);
      vi.advanceTimersByTime(900);
      expect(await readThroughRunCache("run-c", "get", answer, load)).toBe(1);
      vi.advanceTimersByTime(200);
      expect(await readThroughRunCache("run-c", "get", answer, load)).toBe(2);
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
    expect(await readThroughRunCache("run-d", "get", answer, slowLoad)).toBe(1);
    expect(await readThroughRunCache("run-d", "get", answer, slowLoad)).toBe(2);
  });

  it("caches nothing when the load fails", async () => {
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error("not found");
    };
    await expect(readThroughRunCache("run-e", "get", answer, failing)).rejects.toThrow("not found");
    await expect(readThroughRunCache("run-e", "get", answer, failing)).rejects.toThrow("not found");
    expect(calls).toBe(2);
  });
});

describe("readThroughRunCache on a run writing results", () => {
  it("after new results only, answers the entry it has; once it is half a second old, reads once behind it; a later poll gets that read", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    try {
      let loads = 0;
      let release: () => void = () => {};
      const load = async () => {
        loads += 1;
        const value = loads;
        if (loads > 1) await new Promise<void>((resolve) => (release = resolve));
        return value;
      };
      expect(await readThroughRunCache("run-p", "get", answer, load)).toBe(1);
      runChanged("run-p", "progress");
      // Younger than half a second: the entry, and no read.
      expect(await readThroughRunCache("run-p", "get", answer, load)).toBe(1);
      expect(loads).toBe(1);
      vi.advanceTimersByTime(600);
      // Three polls while the read behind them is under way: all get the entry they had, and one read starts.
      expect(await readThroughRunCache("run-p", "get", answer, load)).toBe(1);
      expect(await readThroughRunCache("run-p", "get", answer, load)).toBe(1);
      runChanged("run-p", "progress");
      expect(await readThroughRunCache("run-p", "get", answer, load)).toBe(1);
      expect(loads).toBe(2);
      release();
      await vi.waitFor(async () => expect(await readThroughRunCache("run-p", "get", answer, load)).toBe(2));
    } finally {
      vi.useRealTimers();
    }
  });

  it("after a change of state, every poll waits for the new read, and polls at once share one read", async () => {
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return loads;
    };
    expect(await readThroughRunCache("run-s", "get", answer, load)).toBe(1);
    runChanged("run-s", "progress");
    runChanged("run-s");
    const answers = await Promise.all([1, 2, 3, 4].map(() => readThroughRunCache("run-s", "get", answer, load)));
    expect(answers).toEqual([2, 2, 2, 2]);
    expect(loads).toBe(2);
  });
});

describe("allRunsChanged", () => {
  it("outdates every run's entries (a renamed or deleted target or dataset)", async () => {
    let loads = 0;
    const load = async () => ++loads;
    await readThroughRunCache("run-f", "get", answer, load);
    await readThroughRunCache("run-g", "get", answer, load);
    allRunsChanged();
    expect(await readThroughRunCache("run-f", "get", answer, load)).toBe(3);
    expect(await readThroughRunCache("run-g", "get", answer, load)).toBe(4);
  });

  it("checks an answer against its output schema once, as it enters the cache; a mismatch is an internal error", async () => {
    const output = z.object({ n: z.number() });
    const parse = vi.spyOn(output, "safeParse");
    const first = await readThroughRunCache("run-o", "get", output, async () => ({ n: 1, extra: true }));
    expect(first).toEqual({ n: 1 });
    expect(await readThroughRunCache("run-o", "get", output, async () => ({ n: 2 }))).toBe(first);
    expect(parse).toHaveBeenCalledTimes(1);
    const wrong = readThroughRunCache("run-w", "get", output, async () => ({ n: "one" }) as unknown as { n: number });
    await expect(wrong).rejects.toThrow(/does not match its output schema/);
    await expect(wrong).rejects.not.toBeInstanceOf(z.ZodError);
  });
});
