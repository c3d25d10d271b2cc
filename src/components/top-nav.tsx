"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { cn } from "./ui/cn";

const LINKS = [
  { href: "/", label: "Datasets", active: (path: string) => path === "/" || path.startsWith("/datasets") },
  { href: "/runs", label: "Runs", active: (path: string) => path.startsWith("/runs") },
  { href: "/targets", label: "Targets", active: (path: string) => path.startsWith("/targets") },
  { href: "/compare", label: "Compare", active: (path: string) => path.startsWith("/compare") },
];

function SignOutButton() {
  const [pending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    try {
      await fetch("/api/auth/logout", { method: "POST" });
    } finally {
      // A full load: nothing of the signed-in session stays in memory.
      window.location.assign("/login");
    }
  }
  return (
    <button
      type="button"
      onClick={() => void signOut()}
      disabled={pending}
      className="rounded-md px-2.5 py-1.5 text-[13px] font-medium text-zinc-500 transition-colors hover:bg-zinc-50 hover:text-zinc-900 disabled:opacity-60"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}

export function TopNav({ authEnabled = false }: { authEnabled?: boolean }) {
  const pathname = usePathname() ?? "/";
  const linkClass = (active: boolean) =>
    cn("rounded-md px-2.5 py-1.5 text-[13px] font-medium transition-colors", active ? "bg-zinc-100 text-zinc-900" : "text-zinc-500 hover:bg-zinc-50 hover:text-zinc-900");
  const settingsActive = pathname.startsWith("/settings");
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/85 backdrop-blur">
      <div className="mx-auto flex h-12 max-w-[1600px] items-center gap-8 px-6">
        <Link href="/" className="flex items-center gap-2 text-[14px] font-semibold tracking-tight text-zinc-900">
          <span className="flex size-5 items-center justify-center rounded bg-zinc-900 text-[11px] font-bold text-white" aria-hidden="true">
            T
          </span>
          Trialrun
        </Link>
        <nav aria-label="Main" className="flex h-full items-center gap-1">
          {LINKS.map((link) => {
            const active = link.active(pathname);
            return (
              <Link key={link.href} href={link.href} aria-current={active ? "page" : undefined} className={linkClass(active)}>
                {link.label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex items-center gap-1">
          <Link href="/settings" aria-current={settingsActive ? "page" : undefined} className={linkClass(settingsActive)}>
            Settings
          </Link>
          {authEnabled && (
            <>
              <span className="mx-1 h-4 w-px bg-zinc-200" aria-hidden="true" />
              <SignOutButton />
            </>
          )}
        </div>
      </div>
    </header>
  );
}
