"use client";

import { PageHeader } from "@/components/page-header";
import { Callout } from "@/components/ui/states";
import { api } from "@/lib/trpc/react";
import { ApiKeysSection, UseItSnippet } from "./api-keys";

export function SettingsPage() {
  const status = api.auth.status.useQuery();
  return (
    <>
      <PageHeader title="Settings" description="Access to this server: API keys for scripts, CI and the typed client." />
      <div className="flex max-w-5xl flex-col gap-8">
        {status.data && !status.data.enabled && (
          <Callout tone="blue" title="Sign-in is off on this server" data-testid="auth-off-note">
            Anyone who can reach it can use the dashboard and the API; keys are only checked once the server is started with{" "}
            <code className="font-mono text-xs">TRIALRUN_ADMIN_PASSWORD</code> set. You can create keys now so scripts keep working when you turn it on.
          </Callout>
        )}
        <ApiKeysSection />
        <section className="flex flex-col gap-3" aria-labelledby="use-it-heading">
          <div>
            <h2 id="use-it-heading" className="text-sm font-semibold text-zinc-900">
              Use it
            </h2>
            <p className="mt-0.5 text-[13px] text-zinc-500">
              Trigger a run from CI and fail the job when a score falls below a threshold, or script the API with full types.
            </p>
          </div>
          <div className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs">
            <UseItSnippet />
          </div>
        </section>
      </div>
    </>
  );
}
