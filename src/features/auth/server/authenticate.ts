import { AppError, appErrorResponse, signInRequired } from "@/server/errors";
import type { Principal } from "@/server/trpc";
import { authFailures, clientAddress } from "./rate-limit";
import { verifyApiKey } from "./api-key-service";
import { authEnabled, readCookie, SESSION_COOKIE, verifySession } from "./session";

/**
 * Who is calling: a dashboard session (cookie), an API key (Authorization:
 * Bearer), or nobody. A cookie-authenticated request from another origin is
 * refused (CSRF). Whether a procedure needs a principal is decided in the
 * tRPC middleware (src/server/trpc.ts).
 *
 * Wrong keys count as failures of the client's address (rate-limit.ts says
 * which address that is). A valid key is accepted even from an address that
 * is over the limit: keys are 32 random bytes, so checking one gives a
 * guesser nothing, and someone else's failures from a shared address (a NAT,
 * a proxy that is not trusted) never lock a working key out. Past the limit,
 * a wrong key is answered 429 instead of 401.
 */
export async function authenticate(req: Request): Promise<{ principal: Principal; authRequired: boolean }> {
  if (!authEnabled()) return { principal: { kind: "anonymous" }, authRequired: false };

  const authorization = req.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const apiKeyId = match ? await verifyApiKey(match[1]!) : null;
    if (apiKeyId) return { principal: { kind: "api-key", apiKeyId }, authRequired: true };
    const address = clientAddress(req.headers);
    const waitMs = authFailures.retryAfterMs(address);
    if (waitMs > 0) {
      throw new AppError("TOO_MANY_REQUESTS", `Too many failed attempts from this address; try again in ${Math.ceil(waitMs / 1000)} s.`);
    }
    authFailures.recordFailure(address);
    throw new AppError("UNAUTHORIZED", "The API key is invalid or has been revoked.");
  }

  if (await verifySession(readCookie(req.headers, SESSION_COOKIE))) {
    if (req.method !== "GET" && !sameOrigin(req)) {
      throw new AppError("FORBIDDEN", "Cross-site request refused.");
    }
    return { principal: { kind: "session" }, authRequired: true };
  }
  return { principal: { kind: "anonymous" }, authRequired: true };
}

/** A browser sends Origin on cross-site POSTs; it must name this host. */
function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * For plain route handlers (exports, imports): null when the request may
 * proceed, else the error response (same rules as the API).
 */
export async function refuseUnauthenticated(req: Request): Promise<Response | null> {
  try {
    const { principal, authRequired } = await authenticate(req);
    if (authRequired && principal.kind === "anonymous") return appErrorResponse(signInRequired());
    return null;
  } catch (error) {
    if (error instanceof AppError) return appErrorResponse(error);
    throw error;
  }
}
