import { describe, expect, it } from "vitest";
import { scorerColumns } from "./scorer-columns";

const run = (...names: string[]) => ({ scores: names.map((name) => ({ name })) });

describe("scorerColumns", () => {
  it("gives the first three scorers of a page whose runs all use the same ones their own columns, in the runs' order", () => {
    expect(scorerColumns([run("exact", "contains", "similarity", "latency"), run("exact", "contains", "similarity", "latency")], 3)).toEqual([
      "exact",
      "contains",
      "similarity",
    ]);
  });

  it("puts the scorers most runs share first, then the order they first appear in", () => {
    expect(scorerColumns([run("judge"), run("exact", "contains"), run("exact", "contains"), run("exact")], 3)).toEqual(["exact", "contains", "judge"]);
  });

  it("has no columns for runs without scorers, and fewer than three when the page has fewer", () => {
    expect(scorerColumns([run(), run()], 3)).toEqual([]);
    expect(scorerColumns([run("exact"), run()], 3)).toEqual(["exact"]);
  });
});
