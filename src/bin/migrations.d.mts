// Types of src/bin/migrations.mjs (plain JS: the start script runs before any build).
export function migrationFolders(migrationsDir: string): string[];
export function pendingMigrations(dbFile: string, migrationsDir: string): string[] | null;
export function isBusyFailure(output: string): boolean;
export function applyPendingMigrations(options: {
  root: string;
  dbFile: string;
  env?: Record<string, string | undefined>;
  waitMs?: number;
  retryMs?: number;
  log?: (message: string) => void;
}): Promise<{ applied: string[] }>;
