import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { TopNav } from "@/components/top-nav";
import { SignInRedirect } from "@/features/auth/components/sign-in-redirect";
import { authEnabled, SESSION_COOKIE, verifySession } from "@/features/auth/server/session";

// Reads the session cookie on every request: never prerendered.
export const dynamic = "force-dynamic";

/**
 * Every dashboard page. When the server asks for a password and the browser
 * has no valid session, nothing of the dashboard is rendered: the page goes
 * to /login (with the address it wanted, which only the browser knows here).
 * The API checks the session itself; this gate is about what a person sees.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const enabled = authEnabled();
  if (enabled) {
    const token = (await cookies()).get(SESSION_COOKIE)?.value;
    if (!(await verifySession(token))) return <SignInRedirect />;
  }
  return (
    <>
      <TopNav authEnabled={enabled} />
      <main className="mx-auto max-w-[1600px] px-6 pt-7 pb-16">{children}</main>
    </>
  );
}
