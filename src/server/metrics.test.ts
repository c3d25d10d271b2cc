import { describe, expect, it } from "vitest";
import { processMetrics, recordAnswerTime } from "./metrics";

describe("answer times", () => {
  it("gives each procedure's count, p50, p99 (nearest rank) and max, and starts over on reset", () => {
    processMetrics({ reset: true });
    for (let ms = 1; ms <= 200; ms++) recordAnswerTime("runs.get", ms);
    recordAnswerTime("runs.results", 7);
    const { answerMs } = processMetrics({ reset: true });
    expect(answerMs["runs.get"]).toEqual({ count: 200, p50: 100, p99: 198, max: 200 });
    expect(answerMs["runs.results"]).toEqual({ count: 1, p50: 7, p99: 7, max: 7 });
    expect(processMetrics().answerMs).toEqual({});
  });

  it("keeps a bounded number of names, whatever paths clients send", () => {
    processMetrics({ reset: true });
    for (let i = 0; i < 1000; i++) recordAnswerTime(`made.up${i}`, 1);
    expect(Object.keys(processMetrics({ reset: true }).answerMs)).toHaveLength(200);
  });
});
