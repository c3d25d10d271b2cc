"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";
import { useDismiss } from "./hooks";
import { cn } from "./ui/cn";
import { MenuIcon, XIcon } from "./ui/icons";

const LINKS = [
  { href: "/", label: "Datasets", active: (path: string) => path === "/" || path.startsWith("/datasets") },
  { href: "/runs", label: "Runs", active: (path: string) => path.startsWith("/runs") },
  { href: "/targets", label: "Targets", active: (path: string) => path.startsWith("/targets") },
  { href: "/compare", label: "Compare", active: (path: string) => path.startsWith("/compare") },
];

function SignOutButton({ className }: { className: string }) {
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
    <button type="button" onClick={() => void signOut()} disabled={pending} className={cn(className, "text-left disabled:opacity-60")}>
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}

/**
 * The sections of the dashboard. From md up they sit in one row; below, a
 * Menu button opens them as a panel under the header, so a phone keeps the
 * page's own title and actions on screen.
 */
export function TopNav({ authEnabled = false }: { authEnabled?: boolean }) {
  const pathname = usePathname() ?? "/";
  // The menu is open for the page it was opened on: following a link closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const menuButton = useRef<HTMLButtonElement>(null);
  const header = useRef<HTMLElement>(null);

  useDismiss(open, header, (how) => {
    setOpenOn(null);
    if (how === "escape") menuButton.current?.focus();
  });

  // Rows of a full-width list in the phone panel, compact pills in the desktop row.
  const linkClass = (active: boolean) =>
    cn(
      "flex min-h-10 items-center rounded-md px-3 text-sm font-medium transition-colors md:min-h-0 md:px-2.5 md:py-1.5 md:text-[13px]",
      "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-500",
      active ? "bg-zinc-100 text-zinc-900" : "text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900",
    );
  const settingsActive = pathname.startsWith("/settings");
  return (
    <header ref={header} className="sticky top-0 z-30 border-b border-zinc-200 bg-white/85 backdrop-blur">
      <div className="relative mx-auto flex h-12 max-w-[1600px] items-center gap-8 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-[14px] font-semibold tracking-tight text-zinc-900">
          <span className="flex size-5 items-center justify-center rounded bg-zinc-900 text-[11px] font-bold text-white" aria-hidden="true">
            T
          </span>
          Trialrun
        </Link>
        <button
          ref={menuButton}
          type="button"
          aria-label="Menu"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpenOn(open ? null : pathname)}
          className="-mr-2 ml-auto flex size-10 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-500 md:hidden"
        >
          {open ? <XIcon width={18} height={18} /> : <MenuIcon width={18} height={18} />}
        </button>
        <nav
          id="main-nav"
          aria-label="Main"
          className={cn(
            "absolute inset-x-0 top-full flex-col gap-1 border-b border-zinc-200 bg-white px-4 py-3 shadow-lg sm:px-6",
            "md:static md:flex md:h-full md:flex-1 md:flex-row md:items-center md:border-0 md:bg-transparent md:p-0 md:shadow-none",
            open ? "flex" : "hidden",
          )}
        >
          {LINKS.map((link) => {
            const active = link.active(pathname);
            return (
              <Link key={link.href} href={link.href} aria-current={active ? "page" : undefined} className={linkClass(active)}>
                {link.label}
              </Link>
            );
          })}
          <span className="my-1 h-px bg-zinc-100 md:hidden" aria-hidden="true" />
          <Link href="/settings" aria-current={settingsActive ? "page" : undefined} className={cn(linkClass(settingsActive), "md:ml-auto")}>
            Settings
          </Link>
          {authEnabled && (
            <>
              <span className="mx-1 hidden h-4 w-px bg-zinc-200 md:block" aria-hidden="true" />
              <SignOutButton className={linkClass(false)} />
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
