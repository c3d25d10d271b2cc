import { describe, expect, it } from "vitest";
import type { FieldErrors } from "@/lib/trpc/errors";
import { httpTargetConfig, SECRET_MASK } from "../schemas";
import { configFromDraft, defaultTargetDraft, draftFromConfig, headersFromRows, nextDraftId, targetFieldShows, type HeaderRow } from "./target-form";

const row = (name: string, value: string, storedName: string | null = null): HeaderRow => ({ id: nextDraftId(), name, value, storedName });

describe("header rows", () => {
  it("a `__proto__` header is a field error next to its row, not a header silently dropped", () => {
    const errors: FieldErrors = {};
    const headers = headersFromRows([row("x-ok", "1"), row("__proto__", "secret")], errors, "headers");
    expect(errors).toEqual({ "headers.1": '"__proto__" is not allowed as a header name' });
    expect(Object.keys(headers)).toEqual(["x-ok"]);
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
  });

  it("`constructor`, `prototype` and `toString` are headers like any other, each an own key", () => {
    const errors: FieldErrors = {};
    const headers = headersFromRows([row("constructor", "c"), row("prototype", "p"), row("toString", "t"), row("toString", "again")], errors, "headers");
    expect(errors).toEqual({ "headers.3": 'Header "toString" is set twice' });
    expect(JSON.stringify(headers)).toBe('{"constructor":"c","prototype":"p","toString":"t"}');
    expect(httpTargetConfig.parse({ kind: "http", url: "http://x", headers }).headers).toEqual(headers);
  });

  it("keeps the rules it had: blank rows dropped, a name required, a mask only under its stored name", () => {
    const errors: FieldErrors = {};
    const headers = headersFromRows([row("", ""), row("", "v"), row("auth", SECRET_MASK, "auth"), row("other", SECRET_MASK, "auth")], errors, "p.headers");
    expect(errors).toEqual({ "p.headers.1": "Header name is required", "p.headers.3": 'Type the value again: the stored value belongs to "auth"' });
    expect(headers).toEqual({ auth: SECRET_MASK });
  });

  it("the draft's config carries the form's header error under the field's path", () => {
    const draft = defaultTargetDraft("http");
    draft.slots.http.url = "http://x";
    draft.slots.http.headers = [row("__proto__", "v")];
    const errors: FieldErrors = {};
    configFromDraft(draft, errors, "config.");
    expect(errors).toEqual({ "config.headers.0": '"__proto__" is not allowed as a header name' });
  });
});

describe("target drafts", () => {
  it("a saved config comes back as the same config, and other kinds' slots keep their defaults", () => {
    const saved = httpTargetConfig.parse({
      kind: "http",
      url: "https://agent.example.com/answer",
      method: "PUT",
      headers: { authorization: SECRET_MASK },
      outputPath: "data.answer",
      timeoutMs: 5000,
    });
    const draft = draftFromConfig(saved);
    expect(draft.kind).toBe("http");
    expect(draft.slots.http.retryableStatuses).toBe("408, 429, 500, 502, 503, 504");
    expect(draft.slots.demo).toEqual(defaultTargetDraft().slots.demo);
    const errors: FieldErrors = {};
    expect(httpTargetConfig.parse(configFromDraft(draft, errors, "config."))).toEqual(saved);
    expect(errors).toEqual({});
  });

  it("puts what only the form sees under the field's path", () => {
    const draft = defaultTargetDraft("http");
    draft.slots.http.url = "http://x";
    draft.slots.http.retryableStatuses = "429, 7xx";
    draft.slots.http.timeoutMs = "soon";
    const errors: FieldErrors = {};
    configFromDraft(draft, errors, "target.");
    expect(errors).toEqual({ "target.retryableStatuses": '"7xx" is not an HTTP status (100–599)', "target.timeoutMs": "must be a number" });
  });

  it("knows which errors the kinds' fields show", () => {
    for (const path of ["url", "headers", "headers.0", "pricing.promptPer1k", "accuracy", "jsonMode"]) expect(targetFieldShows(path), path).toBe(true);
    for (const path of ["pricing", "kind", "headers."]) expect(targetFieldShows(path), path).toBe(false);
  });
});
