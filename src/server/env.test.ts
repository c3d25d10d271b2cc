import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("environment", () => {
  it("has a default for everything, so an empty environment works", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ DATABASE_URL: "file:./data/trialrun.db", TRIALRUN_MAX_RUN_CONCURRENCY: 200, TRIALRUN_LOG_LEVEL: "info" });
    expect(env.TRIALRUN_ADMIN_PASSWORD).toBeUndefined();
  });

  it("fails fast with a message that names the variable", () => {
    expect(() => parseEnv({ TRIALRUN_MAX_RUN_CONCURRENCY: "lots" })).toThrow(/TRIALRUN_MAX_RUN_CONCURRENCY: /);
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL: expected a SQLite URL such as file:\.\/data\/trialrun\.db/);
    expect(() => parseEnv({ TRIALRUN_LOG_LEVEL: "loud" })).toThrow(/TRIALRUN_LOG_LEVEL/);
    expect(() => parseEnv({ TRIALRUN_ADMIN_PASSWORD: "short" })).toThrow(/TRIALRUN_ADMIN_PASSWORD: must be at least 8 characters/);
  });
});
