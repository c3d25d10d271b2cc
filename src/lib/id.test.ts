import { describe, expect, it } from "vitest";
import { newId } from "./id";

describe("newId", () => {
  it("makes 25-character cuid-shaped ids, unique across a million and sortable by time", () => {
    const seen = new Set<string>();
    let previous = "";
    for (let i = 0; i < 1_000_000; i++) {
      const id = newId();
      seen.add(id);
      if (i % 100_000 === 0) {
        expect(id).toMatch(/^c[0-9a-z]{24}$/);
        expect(id.slice(0, 10) >= previous.slice(0, 10)).toBe(true);
        previous = id;
      }
    }
    expect(seen.size).toBe(1_000_000);
  });
});
