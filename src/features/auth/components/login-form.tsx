"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

/** The password form. Errors stay under the field; success is a full page load, so the dashboard starts fresh. */
export function LoginForm({ next }: { next: string }) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!password) {
      setError("Enter the password.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ password }),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      const body = (await response.json().catch(() => null)) as { error?: string } | null;
      if (response.status === 429) {
        const seconds = Number(response.headers.get("retry-after"));
        const wait = !Number.isFinite(seconds) || seconds <= 0 ? "a few minutes" : seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
        setError(`Too many failed attempts. Try again in ${wait}.`);
      } else {
        setError(body?.error ?? "Could not sign in. Try again.");
      }
      setPassword("");
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4" noValidate data-testid="login-form">
      <Field label="Password" error={error} hint="The admin password this server was started with (TRIALRUN_ADMIN_PASSWORD).">
        {(ids) => (
          <Input
            {...ids}
            type="password"
            name="password"
            autoComplete="current-password"
            autoFocus
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              if (error) setError(null);
            }}
            className="h-9"
          />
        )}
      </Field>
      <Button type="submit" variant="primary" loading={pending} className="h-9 w-full">
        Sign in
      </Button>
    </form>
  );
}
