import { describe, expect, it } from "vitest";
import { formProblems } from "@/components/kind-form/check-form";
import { TARGET_KIND_LIST } from ".";

describe("target kinds", () => {
  it("every kind's form names only keys of its config, and its checkboxes start at the config's defaults", () => {
    for (const kind of TARGET_KIND_LIST) expect(formProblems(kind.form, kind.config), kind.kind).toEqual([]);
  });

  it("nested keys are looked up inside their object", () => {
    const openAi = TARGET_KIND_LIST.find((kind) => kind.kind === "openai-chat")!;
    expect(formProblems([{ control: "number", key: "pricing.promptPer1k", label: "Price" }], openAi.config)).toEqual([]);
    expect(formProblems([{ control: "number", key: "pricing.perRequest", label: "Price" }], openAi.config)).toEqual([
      "pricing.perRequest: no such key in the schema",
    ]);
  });
});
