import { describe, expect, it } from "vitest";
import { nextDraftId } from "@/features/targets/components";
import type { FieldErrors } from "@/lib/trpc/errors";
import { scorerConfigSchema, SCORER_TYPES, type ScorerType } from "../schemas";
import { EXPENSIVE_SCORERS, newScorer, SCORER_GROUPS, scorerFromDraft } from "./scorer-form";

describe("scorer drafts", () => {
  it("a new scorer of each kind describes its kind's defaults", () => {
    const config = (type: ScorerType) => scorerFromDraft(newScorer(type, []), [], {}, "scorers.0.");
    expect(config("exact-match")).toEqual({
      name: "exact-match",
      threshold: 1,
      type: "exact-match",
      params: { caseSensitive: true, trim: true, collapseWhitespace: false },
    });
    expect(config("contains").params).toEqual({ values: [], mode: "all", caseSensitive: false });
    expect(config("levenshtein")).toMatchObject({ threshold: 0.8, params: { caseSensitive: true } });
    expect(config("latency-budget").params).toEqual({ budgetMs: 2000, decay: "step" });
    expect(config("llm-judge").params).toMatchObject({
      baseUrl: "https://api.openai.com/v1",
      apiKey: "",
      model: "gpt-4o-mini",
      scale: "0-1",
      temperature: undefined,
    });
    // Those with nothing required parse as they are.
    for (const type of [
      "exact-match",
      "contains",
      "levenshtein",
      "json-valid",
      "json-schema",
      "json-equal",
      "numeric-closeness",
      "latency-budget",
      "llm-judge",
    ] as const) {
      expect(scorerConfigSchema.safeParse(config(type)).success, type).toBe(true);
    }
  });

  it("puts what only the form sees next to its field, under the scorer's prefix", () => {
    const bounds = newScorer("length-bounds", []);
    bounds.params = { min: "ten", max: "" };
    const errors: FieldErrors = {};
    scorerFromDraft({ ...bounds, threshold: "high" }, [], errors, "scorers.2.");
    expect(errors).toEqual({ "scorers.2.threshold": "must be a number", "scorers.2.params.min": "must be a number" });

    const schema = newScorer("json-schema", []);
    schema.params = { schema: "{", parseStringOutput: true, allowCodeFence: false };
    const schemaErrors: FieldErrors = {};
    scorerFromDraft(schema, [], schemaErrors, "scorers.0.");
    expect(schemaErrors["scorers.0.params.schema"]).toMatch(/^Invalid JSON: /);

    const remote = newScorer("http", []);
    remote.params = { url: " http://x ", headers: [{ id: nextDraftId(), name: "__proto__", value: "v", storedName: null }], timeoutMs: "" };
    const remoteErrors: FieldErrors = {};
    expect(scorerFromDraft(remote, [], remoteErrors, "scorers.1.").params).toEqual({ url: "http://x", headers: {}, timeoutMs: undefined });
    expect(remoteErrors).toEqual({ "scorers.1.params.headers.0": '"__proto__" is not allowed as a header name' });
  });

  it("names unique within the run, gates by the earlier scorers' current names", () => {
    const first = newScorer("json-valid", []);
    const second = newScorer("json-valid", [first]);
    expect(second.name).toBe("json-valid-2");
    const judge = { ...newScorer("llm-judge", [first, second]), gate: [first.id, second.id] };
    expect(scorerFromDraft(judge, [{ ...first, name: "valid" }, second], {}, "").gate).toEqual({ requires: ["valid", "json-valid-2"] });
  });

  it("lists every kind in the picker once, and marks those that call out", () => {
    expect(SCORER_GROUPS.flatMap((group) => group.types).sort()).toEqual(Object.keys(SCORER_TYPES).sort());
    expect(SCORER_GROUPS.map((group) => group.label)).toEqual(["Text", "JSON", "Numbers & timing", "Model & custom code"]);
    expect([...EXPENSIVE_SCORERS]).toEqual(["llm-judge", "http"]);
  });
});
