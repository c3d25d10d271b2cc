import { createRequire } from "node:module";

/** The part of better-sqlite3 (the driver under Prisma's SQLite adapter) the tests use. */
export interface SqliteConnection {
  prepare(sql: string): { get(...params: unknown[]): unknown; run(...params: unknown[]): unknown };
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  close(): void;
  readonly inTransaction: boolean;
}
const BetterSqlite3 = createRequire(import.meta.url)("better-sqlite3") as new (
  file: string,
  options?: { readonly?: boolean; timeout?: number },
) => SqliteConnection;

/** A plain SQLite connection to `file`, as a shell, a backup tool or a second instance would hold one. */
export function openSqlite(file: string, options?: { readonly?: boolean; timeout?: number }): SqliteConnection {
  return new BetterSqlite3(file, options);
}
