import { createCaller } from "@/server/root";
import { createContext } from "@/server/trpc";

/** The tRPC API as the dashboard and the typed client see it, called in-process. */
export function api() {
  return createCaller(createContext());
}

/** Waits until `check` returns a value, polling like the dashboard does. */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
