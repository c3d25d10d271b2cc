import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RUN_LIMITS, runSettingsSchema } from "@/features/runs";
import "./zod-messages";

const messages = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);

describe("zod's messages in plain words", () => {
  it("say the limit, not the type system's terms", () => {
    expect(messages(runSettingsSchema, { concurrency: 1e20 })).toEqual([
      "concurrency: is too large a number",
      `concurrency: must be at most ${RUN_LIMITS.concurrencyMax}`,
    ]);
    expect(messages(runSettingsSchema, { retries: 1.5 })).toEqual(["retries: must be a whole number"]);
    expect(messages(runSettingsSchema, { timeoutMs: "soon" })).toEqual(["timeoutMs: must be a number"]);
    expect(messages(z.string().max(3), "abcd")).toEqual([": must be at most 3 characters"]);
    expect(messages(z.array(z.number()).min(2), [1])).toEqual([": must have at least 2 entries"]);
    expect(messages(z.number().max(1), 2)).toEqual([": must be at most 1"]);
  });

  it("leave a schema's own message alone", () => {
    expect(messages(runSettingsSchema, { concurrency: 0 })).toEqual(["concurrency: must be at least 1"]);
  });
});
