import crypto from "node:crypto";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { secretKeyBytes } from "@/server/secrets";

/**
 * Dashboard sessions: a signed, expiring token in an http-only cookie that
 * names a Session row. The signature key is derived from the instance's
 * secret key and the admin password, so a token is valid only on this
 * instance's data and only while the password it was issued under holds:
 * changing TRIALRUN_ADMIN_PASSWORD ends every session. Signing out deletes
 * the row, which ends that session at once, on every instance that shares
 * the database.
 */
export const SESSION_COOKIE = "trialrun_session";
const TOKEN_VERSION = "v2";

function signingKey(): Buffer {
  const password = crypto
    .createHash("sha256")
    .update(env.TRIALRUN_ADMIN_PASSWORD ?? "")
    .digest();
  return crypto.createHmac("sha256", secretKeyBytes()).update("trialrun session v2\0").update(password).digest();
}

function sign(payload: string): string {
  return crypto.createHmac("sha256", signingKey()).update(payload).digest("base64url");
}

export function authEnabled(): boolean {
  return env.TRIALRUN_ADMIN_PASSWORD !== undefined;
}

export function passwordMatches(candidate: string): boolean {
  const expected = env.TRIALRUN_ADMIN_PASSWORD;
  if (expected === undefined) return false;
  const a = crypto.createHash("sha256").update(candidate).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** A new session: its row, and the token for the cookie. Expired rows are removed on the way. */
export async function createSession(now = Date.now()): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const expiresAt = new Date(now + env.TRIALRUN_SESSION_HOURS * 3_600_000);
  await db.session.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  const { id } = await db.session.create({ data: { expiresAt }, select: { id: true } });
  const payload = `${TOKEN_VERSION}.${id}.${expiresAt.getTime()}`;
  return { token: `${payload}.${sign(payload)}`, expiresAt, sessionId: id };
}

/**
 * The session id a token names when its signature holds (under the current
 * password) and it has not expired; null otherwise. Whether the session still
 * exists (not signed out) is `verifySession`'s part.
 */
export function parseSessionToken(token: string | undefined, now = Date.now()): string | null {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== TOKEN_VERSION) return null;
  const [, id, expires, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(`${TOKEN_VERSION}.${id}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return Number(expires) > now ? id : null;
}

/** Whether a session cookie's token is good now: signed, unexpired and not signed out. */
export async function verifySession(token: string | undefined, now = Date.now()): Promise<boolean> {
  const id = parseSessionToken(token, now);
  if (!id) return false;
  const row = await db.session.findUnique({ where: { id }, select: { expiresAt: true } });
  return row !== null && row.expiresAt.getTime() > now;
}

/** Ends the session a token names (sign-out). A token that is not valid ends nothing. */
export async function endSession(token: string | undefined): Promise<boolean> {
  const id = parseSessionToken(token);
  if (!id) return false;
  const { count } = await db.session.deleteMany({ where: { id } });
  return count === 1;
}

export function readCookie(headers: Headers, name: string): string | undefined {
  const cookie = headers.get("cookie");
  if (!cookie) return undefined;
  for (const part of cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure ? "; Secure" : ""}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
