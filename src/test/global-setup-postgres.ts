import type { TestProject } from "vitest/node";
import { createMigratedDatabase, startTestPostgres, TEMPLATE_DATABASE } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

/** One PostgreSQL server for the run and one migrated template database; each test file copies it (./setup-db-postgres.ts). */
export default async function setup(project: TestProject) {
  const server = await startTestPostgres("vitest");
  await createMigratedDatabase(server.adminUrl, TEMPLATE_DATABASE);
  project.provide("postgresAdminUrl", server.adminUrl);
  return () => server.stop();
}
