import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";

// Auth on for this file: the password must be in the environment before the server modules load.
vi.hoisted(() => {
  process.env.TRIALRUN_ADMIN_PASSWORD = "correct horse battery";
});

const { appRouter, createCaller } = await import("@/server/root");
const { createContext } = await import("@/server/trpc");
const { authenticate } = await import("./server/authenticate");
const { createSessionToken, verifySessionToken, SESSION_COOKIE } = await import("./server/session");
const { POST: login } = await import("@/app/api/auth/login/route");

const OPEN = new Set(["auth.status"]);
const procedures = Object.keys(appRouter._def.procedures as Record<string, unknown>).sort();

function callAs(context: ReturnType<typeof createContext>, path: string, input: unknown) {
  const caller = createCaller(context) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
  const [router, procedure] = path.split(".") as [string, string];
  return caller[router]![procedure]!(input);
}

function request(headers: Record<string, string>, method = "POST") {
  return new Request("http://trialrun.test/api/trpc/x", { method, headers: { host: "trialrun.test", ...headers } });
}

describe("with an admin password set", () => {
  it("refuses every procedure without a session or an API key (listed from the router itself)", async () => {
    const anonymous = createContext({ principal: { kind: "anonymous" }, authRequired: true });
    for (const path of procedures) {
      if (OPEN.has(path)) continue;
      const error = await callAs(anonymous, path, {}).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, path).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code, path).toBe("UNAUTHORIZED");
    }
    expect(await callAs(anonymous, "auth.status", undefined)).toEqual({ enabled: true, principal: "anonymous" });
  });

  it("accepts a valid API key, refuses wrong and revoked ones, and records last use", async () => {
    const local = createCaller(createContext());
    const created = await local.apiKeys.create({ name: "ci" });
    expect(created.key).toMatch(/^trk_/);
    expect(await local.apiKeys.list()).toEqual([expect.not.objectContaining({ key: expect.anything() })]);

    const ok = await authenticate(request({ authorization: `Bearer ${created.key}`, "x-forwarded-for": "10.0.0.1" }));
    expect(ok.principal).toEqual({ kind: "api-key", apiKeyId: created.id });
    const asKey = createCaller(createContext(ok));
    expect(await asKey.datasets.list()).toEqual([]);
    expect((await local.apiKeys.list())[0]!.lastUsedAt).toBeInstanceOf(Date);

    await expect(authenticate(request({ authorization: "Bearer trk_wrong", "x-forwarded-for": "10.0.0.2" }))).rejects.toThrow("The API key is invalid or has been revoked.");
    await local.apiKeys.revoke({ id: created.id });
    await expect(authenticate(request({ authorization: `Bearer ${created.key}`, "x-forwarded-for": "10.0.0.2" }))).rejects.toThrow(/invalid or has been revoked/);
    await expect(local.apiKeys.revoke({ id: created.id })).rejects.toThrow(/already revoked/);
  });

  it("rate-limits repeated failures from one address", async () => {
    for (let i = 0; i < 10; i++) {
      await expect(authenticate(request({ authorization: "Bearer trk_nope", "x-forwarded-for": "10.9.9.9" }))).rejects.toThrow(/invalid/);
    }
    const error = await authenticate(request({ authorization: "Bearer trk_nope", "x-forwarded-for": "10.9.9.9" })).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    // Another address is not affected.
    await expect(authenticate(request({ authorization: "Bearer trk_nope", "x-forwarded-for": "10.9.9.10" }))).rejects.toThrow(/invalid/);
  });

  it("signs in with the password: an http-only session cookie that the API accepts; cross-site posts are refused", async () => {
    const wrong = await login(new Request("http://trialrun.test/api/auth/login", { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "10.1.1.1" }, body: JSON.stringify({ password: "nope" }) }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "Wrong password." });

    const right = await login(new Request("http://trialrun.test/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: "correct horse battery" }) }));
    expect(right.status).toBe(200);
    const cookie = right.headers.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = decodeURIComponent(cookie.split(";")[0]!.split("=").slice(1).join("="));

    const session = await authenticate(request({ cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, origin: "http://trialrun.test" }));
    expect(session.principal).toEqual({ kind: "session" });
    await expect(authenticate(request({ cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, origin: "http://evil.example" }))).rejects.toThrow("Cross-site request refused.");

    const expired = createSessionToken(Date.now() - 1000 * 3_600_000 * 24 * 365).token;
    expect(verifySessionToken(expired)).toBe(false);
    expect(verifySessionToken(`${token}x`)).toBe(false);
    expect((await authenticate(request({ cookie: `${SESSION_COOKIE}=garbage` }))).principal).toEqual({ kind: "anonymous" });
  });
});
