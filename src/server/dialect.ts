import { env, isPostgresUrl } from "./env";

/**
 * Which database this process talks to, from DATABASE_URL: SQLite (a file:
 * URL, the embedded default) or PostgreSQL. Code that writes SQL by hand asks
 * here (src/server/bulk-insert.ts); everything else goes through Prisma,
 * which speaks both.
 */
export type Dialect = "sqlite" | "postgres";

export const dialect: Dialect = isPostgresUrl(env.DATABASE_URL) ? "postgres" : "sqlite";

/**
 * A "contains, ignoring case" filter on a text column, the same on both
 * databases: SQLite's LIKE ignores ASCII case by itself, PostgreSQL's needs
 * Prisma's insensitive mode (which the SQLite client does not know, hence the cast).
 */
export function containsIgnoringCase(text: string): { contains: string } {
  return dialect === "postgres" ? ({ contains: text, mode: "insensitive" } as { contains: string }) : { contains: text };
}
