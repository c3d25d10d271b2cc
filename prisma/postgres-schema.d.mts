// Types of prisma/postgres-schema.mjs.
export const SOURCE: string;
export const TARGET: string;
export function postgresSchemaFrom(source: string): string;
