import { describe, expect, it } from "vitest";
import { defaultMapping, type ImportMapping } from "../import/mapping";
import { columnTarget, mappingErrors, mappingReady, mapsInput, withColumn } from "./import-mapping-state";

/** A mapping as the dialog holds it: built by the shared default, then edited column by column. */
function mappingOf(columns: string[]): ImportMapping {
  return defaultMapping(columns);
}

const HOSTILE_COLUMNS = ["__proto__", "constructor", "toString", "hasOwnProperty"];

describe("import mapping state, with columns named like Object's own properties", () => {
  it("a path error on a column called __proto__, constructor or toString is kept, and blocks the import", () => {
    for (const column of HOSTILE_COLUMNS) {
      let mapping = withColumn(mappingOf(["input", column]), column, { to: "metadata", path: "a..b" });
      const errors = mappingErrors(mapping);
      expect([...errors.keys()], column).toEqual([column]);
      expect(errors.get(column)).toMatch(/^Path must be a dot path/);
      expect(mappingReady(mapping), column).toBe(false);

      mapping = withColumn(mapping, column, { path: "ok" });
      expect(mappingErrors(mapping).size, column).toBe(0);
      expect(mappingReady(mapping), column).toBe(true);
    }
    expect(({} as Record<string, unknown>).to).toBeUndefined();
  });

  it("a column that overwrites another is an error under its own name, whatever the name", () => {
    for (const column of HOSTILE_COLUMNS) {
      const mapping = withColumn(mappingOf(["input", column]), column, { to: "input", path: "" });
      expect(mappingErrors(mapping).get(column), column).toBe("“input” already fills the whole input");
      expect(mappingReady(mapping)).toBe(false);
    }
  });

  it("a column the mapping does not name is ignored, never an inherited property", () => {
    const mapping = mappingOf(["question"]);
    for (const column of HOSTILE_COLUMNS) expect(columnTarget(mapping, column)).toEqual({ to: "ignore", path: "" });
    const edited = withColumn(mapping, "__proto__", { to: "expectedOutput" });
    expect(Object.keys(edited.columns)).toEqual(["question", "__proto__"]);
    expect(Object.getPrototypeOf(edited.columns)).toBe(Object.prototype);
    expect(columnTarget(edited, "__proto__")).toEqual({ to: "expectedOutput", path: "" });
    // The mapping sent to the server carries the column.
    expect(JSON.parse(JSON.stringify(edited)).columns).toHaveProperty(["__proto__"]);
  });

  it("needs a column that goes to the input", () => {
    const mapping = withColumn(mappingOf(["constructor"]), "constructor", { to: "metadata" });
    expect(mapsInput(mapping)).toBe(false);
    expect(mappingReady(mapping)).toBe(false);
    expect(mappingReady(withColumn(mapping, "constructor", { to: "input" }))).toBe(true);
  });
});
