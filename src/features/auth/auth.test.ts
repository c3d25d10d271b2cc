import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";

// Auth on for this file: the password must be in the environment before the server modules load.
vi.hoisted(() => {
  process.env.TRIALRUN_ADMIN_PASSWORD = "correct horse battery";
});

const { appRouter, createCaller } = await import("@/server/root");
const { createContext } = await import("@/server/trpc");
const { authenticate, refuseUnauthenticated } = await import("./server/authenticate");
const { AppError } = await import("@/server/errors");
const { handleTrpcRequest } = await import("@/server/http/trpc-request");
const { createSession, parseSessionToken, verifySession, SESSION_COOKIE } = await import("./server/session");
const { clientAddress, PEER_HEADER } = await import("./server/rate-limit");
const { env } = await import("@/server/env");
const { POST: login } = await import("@/app/api/auth/login/route");
const { POST: logout } = await import("@/app/api/auth/logout/route");

// What src/bin/start.mjs does for every connection: the address it came from, in a header only that process can set.
const PEER_TOKEN = "test-peer-token";
(globalThis as Record<symbol, unknown>)[Symbol.for("trialrun.peerToken")] = PEER_TOKEN;
const from = (address: string) => ({ [PEER_HEADER]: `${PEER_TOKEN} ${address}` });

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

function signIn(password: string, headers: Record<string, string> = {}) {
  return login(
    new Request("http://trialrun.test/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ password }),
    }),
  );
}

function cookieOf(response: Response): string {
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

async function principalWith(cookie: string) {
  return (await authenticate(request({ cookie }, "GET"))).principal.kind;
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

    await expect(authenticate(request({ authorization: "Bearer trk_wrong", "x-forwarded-for": "10.0.0.2" }))).rejects.toThrow(
      "The API key is invalid or has been revoked.",
    );
    await local.apiKeys.revoke({ id: created.id });
    await expect(authenticate(request({ authorization: `Bearer ${created.key}`, "x-forwarded-for": "10.0.0.2" }))).rejects.toThrow(
      /invalid or has been revoked/,
    );
    await expect(local.apiKeys.revoke({ id: created.id })).rejects.toThrow(/already revoked/);
    // A name may be used again once its key is revoked, not while another live key has it.
    const again = await local.apiKeys.create({ name: "ci" });
    await expect(local.apiKeys.create({ name: "ci" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/An API key named “ci” already exists/) as unknown,
    });
    await local.apiKeys.revoke({ id: again.id });
  });

  it("rate-limits repeated failures from one address", async () => {
    for (let i = 0; i < 10; i++) {
      await expect(authenticate(request({ authorization: "Bearer trk_nope", ...from("10.9.9.9") }))).rejects.toThrow(/invalid/);
    }
    const error = await authenticate(request({ authorization: "Bearer trk_nope", ...from("10.9.9.9") })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as InstanceType<typeof AppError>).code).toBe("TOO_MANY_REQUESTS");
    // Another address is not affected.
    await expect(authenticate(request({ authorization: "Bearer trk_nope", ...from("10.9.9.10") }))).rejects.toThrow(/invalid/);
  });

  it("ignores X-Forwarded-For unless TRIALRUN_TRUST_PROXY is set: rotating it gives no fresh guesses", async () => {
    for (let i = 0; i < 10; i++) {
      const wrong = await signIn(`guess ${i}`, { ...from("10.7.7.7"), "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `198.51.100.${i}` });
      expect(wrong.status).toBe(401);
    }
    const limited = await signIn("guess 10", { ...from("10.7.7.7"), "x-forwarded-for": "203.0.113.99" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ error: expect.stringMatching(/^Too many failed attempts; try again in \d+ s\.$/) });
    // API keys alike.
    for (let i = 0; i < 10; i++) {
      await expect(authenticate(request({ authorization: "Bearer trk_guess", ...from("10.7.7.8"), "x-forwarded-for": `203.0.113.${i}` }))).rejects.toThrow(
        /invalid/,
      );
    }
    const error = await authenticate(request({ authorization: "Bearer trk_guess", ...from("10.7.7.8"), "x-forwarded-for": "203.0.113.200" })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as InstanceType<typeof AppError>).code).toBe("TOO_MANY_REQUESTS");
    // Without the production server's header (e.g. `next dev`), or with a forged one, every client is one address.
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.1" }))).toBe("unknown");
    expect(clientAddress(new Headers({ [PEER_HEADER]: "forged 203.0.113.1" }))).toBe("unknown");
  });

  it("answers refused credentials alike over tRPC and on plain routes: 401, 403 cross-site, 429 past the limit", async () => {
    // A query by GET, a mutation by POST (a cross-site refusal is about writes).
    const trpc = (headers: Record<string, string>, method = "GET") =>
      handleTrpcRequest(
        new Request(`http://trialrun.test/api/trpc/${method === "POST" ? "datasets.create" : "datasets.list"}`, {
          method,
          headers: { host: "trialrun.test", "content-type": "application/json", ...headers },
          body: method === "POST" ? JSON.stringify({ json: { name: "cross-site" } }) : undefined,
        }),
      );
    const codeOf = async (response: Response) => JSON.stringify(await response.json()).match(/"code":"([A-Z_]+)"/)?.[1];

    const wrongKey = { authorization: "Bearer trk_wrong", ...from("10.3.3.3") };
    const unauthorized = await trpc(wrongKey);
    expect(unauthorized.status).toBe(401);
    expect(await codeOf(unauthorized)).toBe("UNAUTHORIZED");
    const refused = await refuseUnauthenticated(request(wrongKey, "GET"));
    expect(refused?.status).toBe(401);
    expect(await refused?.json()).toEqual({ error: "The API key is invalid or has been revoked." });

    const { token } = await createSession();
    const crossSite = { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, origin: "http://evil.example" };
    const forbidden = await trpc(crossSite, "POST");
    expect(forbidden.status).toBe(403);
    expect(await codeOf(forbidden)).toBe("FORBIDDEN");
    expect((await refuseUnauthenticated(request(crossSite)))?.status).toBe(403);

    for (let i = 0; i < 10; i++) await trpc(wrongKey);
    const limited = await trpc(wrongKey);
    expect(limited.status).toBe(429);
    expect(await codeOf(limited)).toBe("TOO_MANY_REQUESTS");
    expect((await refuseUnauthenticated(request(wrongKey, "GET")))?.status).toBe(429);
  });

  it("behind trusted proxies, counts the address the outermost proxy appended, not what the client wrote", () => {
    const peer = from("10.0.0.2");
    expect(clientAddress(new Headers({ ...peer, "x-forwarded-for": "203.0.113.5" }), 0)).toBe("10.0.0.2");
    expect(clientAddress(new Headers({ ...peer, "x-forwarded-for": "203.0.113.5" }), 1)).toBe("203.0.113.5");
    // A client's own X-Forwarded-For comes first; one proxy appends the real address.
    for (const forged of ["1.1.1.1", "2.2.2.2", "1.1.1.1, 3.3.3.3"]) {
      expect(clientAddress(new Headers({ ...peer, "x-forwarded-for": `${forged}, 203.0.113.5` }), 1)).toBe("203.0.113.5");
    }
    // Two proxies: the client is the second entry from the right.
    expect(clientAddress(new Headers({ ...peer, "x-forwarded-for": "9.9.9.9, 203.0.113.5, 10.0.0.1" }), 2)).toBe("203.0.113.5");
    expect(clientAddress(new Headers({ ...peer, "x-real-ip": "203.0.113.6" }), 1)).toBe("203.0.113.6");
    expect(clientAddress(new Headers(peer), 1)).toBe("10.0.0.2");
  });

  it("does not lock the right credential out with someone else's failures", async () => {
    const { key } = await createCaller(createContext()).apiKeys.create({ name: "works" });
    for (let i = 0; i < 12; i++) {
      await authenticate(request({ authorization: "Bearer trk_wrong", ...from("10.5.5.5") })).catch(() => {});
      await signIn("wrong password", from("10.5.5.5"));
    }
    expect((await signIn("wrong password", from("10.5.5.5"))).status).toBe(429);
    // The admin, from another address, signs in; a valid key works even from the limited address.
    expect((await signIn("correct horse battery", from("10.5.5.6"))).status).toBe(200);
    expect((await authenticate(request({ authorization: `Bearer ${key}`, ...from("10.5.5.5") }))).principal.kind).toBe("api-key");
    // A password is not compared while its address is over the limit, the right one neither.
    expect((await signIn("correct horse battery", from("10.5.5.5"))).status).toBe(429);
    // Signing in clears the address's own earlier failures.
    for (let i = 0; i < 9; i++) await signIn("typo", from("10.5.5.7"));
    expect((await signIn("correct horse battery", from("10.5.5.7"))).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await signIn("typo again", from("10.5.5.7"))).status).toBe(401);
  });

  it("ends a session on sign-out: the same cookie, replayed, is refused", async () => {
    const cookie = cookieOf(await signIn("correct horse battery"));
    const other = cookieOf(await signIn("correct horse battery"));
    expect(await principalWith(cookie)).toBe("session");
    const out = await logout(new Request("http://trialrun.test/api/auth/logout", { method: "POST", headers: { cookie } }));
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(await principalWith(cookie)).toBe("anonymous");
    // Only that session: another sign-in goes on.
    expect(await principalWith(other)).toBe("session");
  });

  it("ends every session when the admin password changes", async () => {
    const cookie = cookieOf(await signIn("correct horse battery"));
    expect(await principalWith(cookie)).toBe("session");
    const before = env.TRIALRUN_ADMIN_PASSWORD;
    env.TRIALRUN_ADMIN_PASSWORD = "a brand new password";
    try {
      expect(await principalWith(cookie)).toBe("anonymous");
      expect((await signIn("correct horse battery")).status).toBe(401);
      const fresh = cookieOf(await signIn("a brand new password"));
      expect(await principalWith(fresh)).toBe("session");
    } finally {
      env.TRIALRUN_ADMIN_PASSWORD = before;
    }
    // Changing it back does not revive sessions issued under the other password.
    expect(await principalWith(cookie)).toBe("session");
  });

  it("signs in with the password: an http-only session cookie that the API accepts; cross-site posts are refused", async () => {
    const wrong = await login(
      new Request("http://trialrun.test/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "10.1.1.1" },
        body: JSON.stringify({ password: "nope" }),
      }),
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "Wrong password." });

    const right = await login(
      new Request("http://trialrun.test/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ password: "correct horse battery" }),
      }),
    );
    expect(right.status).toBe(200);
    const cookie = right.headers.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = decodeURIComponent(cookie.split(";")[0]!.split("=").slice(1).join("="));

    const session = await authenticate(request({ cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, origin: "http://trialrun.test" }));
    expect(session.principal).toEqual({ kind: "session" });
    await expect(authenticate(request({ cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, origin: "http://evil.example" }))).rejects.toThrow(
      "Cross-site request refused.",
    );

    const { token: expired } = await createSession(Date.now() - 1000 * 3_600_000 * 24 * 365);
    expect(parseSessionToken(expired)).toBeNull();
    expect(await verifySession(expired)).toBe(false);
    expect(await verifySession(`${token}x`)).toBe(false);
    expect(await verifySession(token)).toBe(true);
    expect((await authenticate(request({ cookie: `${SESSION_COOKIE}=garbage` }))).principal).toEqual({ kind: "anonymous" });
  });
});
