import crypto from "node:crypto";
import { env } from "@/server/env";
import { secretKeyBytes } from "@/server/secrets";

/**
 * Dashboard sessions: a signed, expiring token in an http-only cookie. The
 * signature key is derived from the instance's secret key, so a token is
 * valid only on this instance's data.
 */
export const SESSION_COOKIE = "trialrun_session";

function signingKey(): Buffer {
  return crypto.createHmac("sha256", secretKeyBytes()).update("trialrun session v1").digest();
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

export function createSessionToken(now = Date.now()): { token: string; expiresAt: Date } {
  const expiresAt = now + env.TRIALRUN_SESSION_HOURS * 3_600_000;
  const payload = `v1.${expiresAt}`;
  return { token: `${payload}.${sign(payload)}`, expiresAt: new Date(expiresAt) };
}

export function verifySessionToken(token: string | undefined, now = Date.now()): boolean {
  if (!token) return false;
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== "v1") return false;
  const payload = `${parts[0]}.${parts[1]}`;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(parts[2]!);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return false;
  return Number(parts[1]) > now;
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
