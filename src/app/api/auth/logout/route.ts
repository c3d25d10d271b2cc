import { clearedSessionCookie, endSession, readCookie, SESSION_COOKIE } from "@/features/auth/server";

export const dynamic = "force-dynamic";

/** Sign-out: ends the session on the server (a copy of the cookie stops working too) and clears the cookie. */
export async function POST(req: Request) {
  await endSession(readCookie(req.headers, SESSION_COOKIE));
  return Response.json({ ok: true }, { headers: { "set-cookie": clearedSessionCookie() } });
}
