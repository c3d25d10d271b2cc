import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrialrunClient } from "@/client";
import { ServerProcess } from "@/test/server-process";

/** Auth on, over real HTTP: sign-in cookie, API keys in the typed client and the CLI. */
const run = promisify(execFile);
const PASSWORD = "a long admin password";
let server: ServerProcess;

beforeAll(async () => {
  server = new ServerProcess(3313, "auth");
  await server.start({ TRIALRUN_LOG_LEVEL: "warn", TRIALRUN_ADMIN_PASSWORD: PASSWORD });
});

afterAll(async () => {
  await server?.stop("SIGTERM");
});

async function signIn(password: string) {
  return fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password }) });
}

describe("with TRIALRUN_ADMIN_PASSWORD set", () => {
  it("refuses anonymous calls, signs in with the password, and serves API keys to the client and the CLI", async () => {
    const anonymous = createTrialrunClient({ url: server.url });
    await expect(anonymous.datasets.list.query()).rejects.toThrow(/Sign in to the dashboard, or send an API key/);
    expect(await anonymous.auth.status.query()).toEqual({ enabled: true, principal: "anonymous" });

    expect((await signIn("wrong")).status).toBe(401);
    const ok = await signIn(PASSWORD);
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get("set-cookie")!.split(";")[0]!;

    const dashboard = createTrialrunClient({ url: server.url, headers: { cookie } });
    expect(await dashboard.auth.status.query()).toEqual({ enabled: true, principal: "session" });
    const { key } = await dashboard.apiKeys.create.mutate({ name: "ci" });

    const ci = createTrialrunClient({ url: server.url, apiKey: key });
    const ds = await ci.datasets.create.mutate({ name: "with-a-key" });
    await ci.items.add.mutate({ datasetId: ds.id, item: { input: "a", expectedOutput: "a" } });

    const cli = path.resolve("dist/cli/index.js");
    const passed = await run(process.execPath, [cli, "run", "--dataset", "with-a-key", "--target-config", '{"kind":"echo"}', "--scorer", "exact-match", "--min-score", "exact-match=1", "--url", server.url], {
      env: { ...process.env, TRIALRUN_API_KEY: key },
    });
    expect(passed.stdout).toMatch(/PASS/);
    const refused = await run(process.execPath, [cli, "runs", "show", "x", "--url", server.url, "--api-key", "trk_wrong"]).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe("trialrun: The API key is invalid or has been revoked.");

    // A revoked key stops working at once.
    const [listed] = await dashboard.apiKeys.list.query();
    await dashboard.apiKeys.revoke.mutate({ id: listed!.id });
    await expect(ci.datasets.list.query()).rejects.toThrow(/invalid or has been revoked/);
  });
});
