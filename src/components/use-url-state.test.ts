import { describe, expect, it } from "vitest";
import { defineUrlState, urlField } from "./use-url-state";

const view = defineUrlState({
  status: urlField.oneOf(["all", "running", "failed"], "all"),
  page: urlField.page(),
  size: urlField.number([50, 100, 200], 50),
  q: urlField.text(20),
  ids: urlField.idList(3),
});

describe("defineUrlState", () => {
  it("reads defaults from an empty query", () => {
    expect(view.defaults).toEqual({ status: "all", page: 1, size: 50, q: "", ids: [] });
    expect(view.read(new URLSearchParams())).toEqual(view.defaults);
  });

  it("reads valid values", () => {
    expect(view.read(new URLSearchParams("status=failed&page=3&size=200&q=paris%20x"))).toEqual({
      status: "failed",
      page: 3,
      size: 200,
      q: "paris x",
      ids: [],
    });
  });

  it("reads a hand-edited or stale value as its default, never throws", () => {
    for (const query of [
      "status=bogus",
      "page=0",
      "page=-2",
      "page=2.5",
      "page=abc",
      "page=",
      "page=1e99",
      "page=1&page=2",
      "size=30",
      "size=",
      `q=${"x".repeat(21)}`,
    ]) {
      const key = query.split("=")[0] as keyof typeof view.defaults;
      expect(view.read(new URLSearchParams(query))[key], query).toEqual(view.defaults[key]);
    }
  });

  it("writes only what differs from the defaults and keeps other keys", () => {
    const written = view.write({ status: "running", page: 1, size: 100, q: "", ids: [] }, new URLSearchParams("dataset=ds1&page=4&q=old"));
    expect(written.toString()).toBe("dataset=ds1&status=running&size=100");
    expect(view.write(view.defaults, new URLSearchParams("status=failed&page=2")).toString()).toBe("");
  });

  it("reads a list from one comma-separated value or a repeated key, each id once, malformed ones dropped", () => {
    expect(view.read(new URLSearchParams("ids=a,b,a")).ids).toEqual(["a", "b"]);
    expect(view.read(new URLSearchParams("ids=a&ids=b")).ids).toEqual(["a", "b"]);
    expect(view.read(new URLSearchParams("ids=a,b%20c,,d,e,f")).ids).toEqual(["a", "d", "e"]);
    expect(view.write({ ...view.defaults, ids: ["x", "y"] }, new URLSearchParams("ids=a&ids=b")).toString()).toBe("ids=x%2Cy");
  });

  it("round-trips through the query string", () => {
    const state = { status: "failed" as const, page: 7, size: 200 as const, q: "a&b=c ü", ids: ["r1", "r2"] };
    expect(view.read(view.write(state, new URLSearchParams()))).toEqual(state);
    expect(view.key(state)).toBe(view.key(view.read(view.write(state, new URLSearchParams()))));
  });
});
