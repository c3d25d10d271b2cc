import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { LoginForm, safeNextPath } from "@/features/auth/components";
import { authEnabled, SESSION_COOKIE, verifySession } from "@/features/auth/server";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  // Nothing to sign in to, or already signed in: straight to where they were going.
  if (!authEnabled() || (await verifySession((await cookies()).get(SESSION_COOKIE)?.value))) redirect(next);

  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-zinc-50 px-6 pb-24">
      <div className="w-full max-w-[360px]">
        <div className="mb-6 flex flex-col items-center gap-3 text-center">
          <span className="flex size-9 items-center justify-center rounded-lg bg-zinc-900 text-[17px] font-bold text-white shadow-sm" aria-hidden="true">
            T
          </span>
          <div>
            <h1 className="text-lg font-semibold tracking-tight text-zinc-900">Sign in to Trialrun</h1>
            <p className="mt-1 text-[13px] text-zinc-500">This server asks for a password.</p>
          </div>
        </div>
        <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm">
          <LoginForm next={next} />
        </div>
        <p className="mt-5 text-center text-xs leading-relaxed text-zinc-500">Scripts and CI use an API key instead of the password.</p>
      </div>
    </main>
  );
}
