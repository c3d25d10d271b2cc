import { describe, expect, it } from "vitest";
import { defineScorerKind } from "../kind";
import { formProblems } from "@/components/kind-form/check-form";
import { z } from "zod";
import { SCORER_KINDS } from ".";

describe("scorer kinds", () => {
  it("every kind's form names only keys of its params, and its checkboxes start at the params' defaults", () => {
    for (const kind of SCORER_KINDS) expect(formProblems(kind.form, kind.params), kind.type).toEqual([]);
  });

  it("a form naming a key the params lack is caught", () => {
    const kind = defineScorerKind({
      type: "check",
      label: "Check",
      description: "A kind for this test.",
      defaultThreshold: 1,
      group: "Text",
      params: z.object({ prefix: z.string(), exact: z.boolean().default(true) }),
      form: [
        { control: "text", key: "prefx", label: "Prefix" },
        { control: "checkbox", key: "exact", label: "Exact" },
      ],
      create: () => () => ({ score: 1 }),
    });
    expect(formProblems(kind.form, kind.params)).toEqual(["prefx: no such key in the schema", "exact: starts false, the schema's default is true"]);
  });
});
