import { clearedSessionCookie } from "@/features/auth/server/session";

export const dynamic = "force-dynamic";

export function POST() {
  return Response.json({ ok: true }, { headers: { "set-cookie": clearedSessionCookie() } });
}
