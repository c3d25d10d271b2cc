/**
 * One value per process. Next.js bundles the instrumentation hook and each
 * route separately, so a plain module-level variable can exist several times
 * in one server process; state that must be shared (the database client, the
 * registry of executing runs, the lease owner) lives on globalThis instead.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`trialrun.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const existing = store[key];
  if (existing !== undefined) return existing;
  const value = create();
  store[key] = value;
  return value;
}
