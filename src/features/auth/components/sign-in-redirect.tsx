"use client";

import { useEffect } from "react";

/**
 * Rendered by the dashboard layout instead of the page when there is no
 * valid session. The server cannot see the address the browser asked for
 * (layouts get no pathname), so the browser adds it as `?next=`.
 */
export function SignInRedirect() {
  useEffect(() => {
    const next = `${window.location.pathname}${window.location.search}`;
    window.location.replace(next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`);
  }, []);
  return (
    <div className="flex min-h-screen items-center justify-center text-[13px] text-zinc-500" role="status">
      Redirecting to sign in…
    </div>
  );
}
