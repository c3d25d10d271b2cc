import { env, isPostgresUrl } from "./env";

/**
 * Which database this process talks to, from DATABASE_URL: SQLite (a file:
 * URL, the embedded default) or PostgreSQL. Code that writes SQL by hand asks
 * here (src/server/bulk-insert.ts); everything else goes through Prisma,
 * which speaks both.
 */
export type Dialect = "sqlite" | "postgres";

export const dialect: Dialect = isPostgresUrl(env.DATABASE_URL) ? "postgres" : "sqlite";
