// Types of src/bin/postgres-migrations.mjs (plain JS: the start script runs before any build).
export function applyPostgresMigrations(options: { root: string; url: string; log?: (message: string) => void }): Promise<{ applied: string[] }>;
export function maskedUrl(url: string): string;
