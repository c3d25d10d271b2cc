"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "./ui/cn";

const LINKS = [
  { href: "/", label: "Datasets", active: (path: string) => path === "/" || path.startsWith("/datasets") },
  { href: "/runs", label: "Runs", active: (path: string) => path.startsWith("/runs") },
];

export function TopNav() {
  const pathname = usePathname() ?? "/";
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
              <Link
                key={link.href}
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "rounded-md px-2.5 py-1.5 text-[13px] font-medium transition-colors",
                  active ? "bg-zinc-100 text-zinc-900" : "text-zinc-500 hover:bg-zinc-50 hover:text-zinc-900",
                )}
              >
                {link.label}
              </Link>
            );
          })}
        </nav>
      </div>
    </header>
  );
}
