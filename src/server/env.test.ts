import { describe, expect, it } from "vitest";
import { CLIENT_BATCH_MAX_ITEMS } from "@/lib/trpc/batch";
import { parseEnv } from "./env";

describe("environment", () => {
  it("has a default for everything, so an empty environment works", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ DATABASE_URL: "file:./data/trialrun.db", TRIALRUN_MAX_RUN_CONCURRENCY: 200, TRIALRUN_LOG_LEVEL: "info" });
    expect(env.TRIALRUN_ADMIN_PASSWORD).toBeUndefined();
  });

  it("fails fast with a message that names the variable", () => {
    expect(() => parseEnv({ TRIALRUN_MAX_RUN_CONCURRENCY: "lots" })).toThrow(/TRIALRUN_MAX_RUN_CONCURRENCY: /);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL: expected a SQLite file URL such as file:\.\/data\/trialrun\.db, or a PostgreSQL URL/,
    );
    // PostgreSQL needs one secret key shared by every instance.
    expect(() => parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/trialrun" })).toThrow(/TRIALRUN_SECRET_KEY: is required with PostgreSQL/);
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/trialrun", TRIALRUN_SECRET_KEY: "a".repeat(64) }).DATABASE_URL).toBe(
      "postgresql://u:p@db:5432/trialrun",
    );
    expect(() => parseEnv({ TRIALRUN_LOG_LEVEL: "loud" })).toThrow(/TRIALRUN_LOG_LEVEL/);
    expect(() => parseEnv({ TRIALRUN_ADMIN_PASSWORD: "short" })).toThrow(/TRIALRUN_ADMIN_PASSWORD: must be at least 8 characters/);
  });

  it("limits the API's batches and imports, never below what the dashboard itself sends", () => {
    expect(parseEnv({})).toMatchObject({ TRIALRUN_MAX_BATCH_SIZE: 10, TRIALRUN_MAX_IMPORT_BYTES: 256 * 1024 * 1024 });
    expect(parseEnv({ TRIALRUN_MAX_BATCH_SIZE: String(CLIENT_BATCH_MAX_ITEMS), TRIALRUN_MAX_IMPORT_BYTES: "1048576" })).toMatchObject({
      TRIALRUN_MAX_BATCH_SIZE: CLIENT_BATCH_MAX_ITEMS,
      TRIALRUN_MAX_IMPORT_BYTES: 1048576,
    });
    expect(() => parseEnv({ TRIALRUN_MAX_BATCH_SIZE: String(CLIENT_BATCH_MAX_ITEMS - 1) })).toThrow(/TRIALRUN_MAX_BATCH_SIZE: /);
    expect(() => parseEnv({ TRIALRUN_MAX_IMPORT_BYTES: "1mb" })).toThrow(/TRIALRUN_MAX_IMPORT_BYTES: /);
  });
});
