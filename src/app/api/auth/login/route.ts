import { loginInput } from "@/features/auth";
import { authFailures, clientAddress, authEnabled, createSession, passwordMatches, sessionCookie } from "@/features/auth/server";

export const dynamic = "force-dynamic";

/**
 * Dashboard sign-in: `{ password }` as JSON or a form; sets the session cookie.
 * Wrong passwords count against the client's address (rate-limit.ts says
 * which address that is): past the limit that address is answered 429 before
 * its password is even compared, so a password cannot be guessed faster than
 * the limit — while other addresses, and so the admin's own, are unaffected.
 * Signing in clears the address's failures.
 */
export async function POST(req: Request) {
  if (!authEnabled()) return Response.json({ ok: true, enabled: false });
  const address = clientAddress(req.headers);
  const waitMs = authFailures.retryAfterMs(address);
  if (waitMs > 0) {
    return Response.json(
      { ok: false, error: `Too many failed attempts; try again in ${Math.ceil(waitMs / 1000)} s.` },
      { status: 429, headers: { "retry-after": String(Math.ceil(waitMs / 1000)) } },
    );
  }
  let body: unknown = null;
  const type = req.headers.get("content-type") ?? "";
  try {
    body = type.includes("application/json") ? await req.json() : Object.fromEntries((await req.formData()).entries());
  } catch {
    body = null;
  }
  const parsed = loginInput.safeParse(body);
  if (!parsed.success) return Response.json({ ok: false, error: "Password is required.", field: "password" }, { status: 400 });
  if (!passwordMatches(parsed.data.password)) {
    authFailures.recordFailure(address);
    return Response.json({ ok: false, error: "Wrong password.", field: "password" }, { status: 401 });
  }
  authFailures.clear(address);
  const { token, expiresAt } = await createSession();
  const secure = req.headers.get("x-forwarded-proto") === "https" || new URL(req.url).protocol === "https:";
  return Response.json({ ok: true }, { headers: { "set-cookie": sessionCookie(token, expiresAt, secure) } });
}
