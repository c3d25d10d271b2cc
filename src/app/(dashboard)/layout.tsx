import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { TopNav } from "@/components/top-nav";
import { SignInRedirect } from "@/features/auth/components";
import { authEnabled, SESSION_COOKIE, verifySession } from "@/features/auth/server";

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
      {/* The first Tab stop: past the navigation to the page itself. */}
      <a
        href="#main"
        className="sr-only rounded-md bg-zinc-900 px-3 py-2 text-[13px] font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:outline-2 focus:outline-offset-2 focus:outline-blue-500"
      >
        Skip to content
      </a>
      <TopNav authEnabled={enabled} />
      {/* tabIndex -1: the skip link can move focus here without adding a Tab stop. */}
      <main id="main" tabIndex={-1} className="mx-auto max-w-[1600px] px-4 pt-5 pb-16 focus:outline-none sm:px-6 sm:pt-7">
        {children}
      </main>
    </>
  );
}
