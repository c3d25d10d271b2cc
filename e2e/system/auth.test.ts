import { execFile } from "node:child_process";
import http from "node:http";
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

/** A POST from a given loopback address (127.0.0.2 is another client than 127.0.0.1 to the server). */
function postFrom(localAddress: string, urlPath: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; setCookie: string[] }>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(
      `${server.url}${urlPath}`,
      { method: "POST", localAddress, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers } },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, setCookie: res.headers["set-cookie"] ?? [] }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
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
    const passed = await run(
      process.execPath,
      [
        cli,
        "run",
        "--dataset",
        "with-a-key",
        "--target-config",
        '{"kind":"echo"}',
        "--scorer",
        "exact-match",
        "--min-score",
        "exact-match=1",
        "--url",
        server.url,
      ],
      {
        env: { ...process.env, TRIALRUN_API_KEY: key },
      },
    );
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

  it("limits guesses per connection address: a rotated X-Forwarded-For gets no fresh allowance, and the right credentials from elsewhere still work", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await postFrom(
        "127.0.0.2",
        "/api/auth/login",
        { password: `guess ${i}` },
        { "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `198.51.100.${i}` },
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
    // API keys through the API's own path, from the same address, alike.
    const keyStatuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await postFrom(
        "127.0.0.2",
        "/api/trpc/datasets.create",
        { json: { name: "x" } },
        { authorization: "Bearer trk_guess", "x-forwarded-for": `203.0.113.${100 + i}` },
      );
      keyStatuses.push(res.status);
    }
    expect(keyStatuses).toEqual([429, 429, 429]);

    // The admin, on another address, signs in; a valid key works even from the limited one.
    const admin = await postFrom("127.0.0.1", "/api/auth/login", { password: PASSWORD });
    expect(admin.status).toBe(200);
    const cookie = admin.setCookie[0]!.split(";")[0]!;
    const { key } = await createTrialrunClient({ url: server.url, headers: { cookie } }).apiKeys.create.mutate({ name: "from-a-limited-address" });
    const withKey = await postFrom(
      "127.0.0.2",
      "/api/trpc/datasets.create",
      { json: { name: "made-from-a-limited-address" } },
      { authorization: `Bearer ${key}` },
    );
    expect(withKey.status, withKey.body).toBe(200);
  });

  it("ends a session on sign-out and every session when the admin password changes: a replayed cookie is refused", async () => {
    const cookieOf = async (password: string) => (await signIn(password)).headers.get("set-cookie")!.split(";")[0]!;
    const principal = (cookie: string) =>
      createTrialrunClient({ url: server.url, headers: { cookie } })
        .auth.status.query()
        .then((s) => s.principal);

    const signedOut = await cookieOf(PASSWORD);
    const kept = await cookieOf(PASSWORD);
    expect(await principal(signedOut)).toBe("session");
    const out = await fetch(`${server.url}/api/auth/logout`, { method: "POST", headers: { cookie: signedOut } });
    expect(out.status).toBe(200);
    expect(await principal(signedOut)).toBe("anonymous");
    await expect(createTrialrunClient({ url: server.url, headers: { cookie: signedOut } }).datasets.list.query()).rejects.toThrow(/Sign in to the dashboard/);
    // The dashboard sends a signed-out cookie to the sign-in page.
    const pageFor = (cookie: string) => fetch(`${server.url}/`, { headers: { cookie } }).then((r) => r.text());
    expect(await pageFor(signedOut)).toMatch(/Redirecting to sign in/);
    expect(await pageFor(kept)).toMatch(/Sign out/);
    expect(await principal(kept)).toBe("session");

    // A new password (the server restarted with it, same database): no earlier session survives.
    await server.stop("SIGTERM");
    await server.start({ TRIALRUN_LOG_LEVEL: "warn", TRIALRUN_ADMIN_PASSWORD: "another long admin password" });
    expect(await principal(kept)).toBe("anonymous");
    expect((await signIn(PASSWORD)).status).toBe(401);
    expect(await principal(await cookieOf("another long admin password"))).toBe("session");
  });
});
