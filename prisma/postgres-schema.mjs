// The PostgreSQL schema is generated from prisma/schema.prisma (the one
// source of the data model): Prisma fixes a schema's provider, so each
// provider has its own schema file, generated client and migrations folder.
//
//   node prisma/postgres-schema.mjs          writes prisma/postgres/schema.prisma
//   node prisma/postgres-schema.mjs --check  fails when that file is out of date
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE = path.join(here, "schema.prisma");
export const TARGET = path.join(here, "postgres", "schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by prisma/postgres-schema.mjs: do not edit.
// Change the source, then run \`npm run db:schema\` (npm test fails while this file is out of date).
`;

/** Replaces exactly one occurrence, so that a change to the source's shape fails loudly. */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`));
  if (matches?.length !== 1) throw new Error(`prisma/schema.prisma: expected one ${what}, found ${matches?.length ?? 0}`);
  return text.replace(pattern, replacement);
}

/** The PostgreSQL schema for the SQLite schema's text. */
export function postgresSchemaFrom(source) {
  let schema = source;
  schema = replaceOnce(schema, /output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output     = "../../src/generated/prisma-pg"', "generator output");
  schema = replaceOnce(schema, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"', 'provider = "sqlite"');
  schema = replaceOnce(schema, /url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost:5432/trialrun"', "placeholder url");
  // JSON as PostgreSQL's json, not jsonb: json keeps the text as written (key
  // order, duplicate keys), which Trialrun promises to show unchanged; jsonb
  // reorders keys. Nothing filters on JSON inside the database.
  schema = schema.replace(/^(\s+\w+\s+Json\??)(?=\s|$)/gm, "$1 @db.Json");
  return HEADER + schema;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const expected = postgresSchemaFrom(fs.readFileSync(SOURCE, "utf8"));
  if (process.argv.includes("--check")) {
    const actual = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, "utf8") : "";
    if (actual !== expected) {
      console.error("prisma/postgres/schema.prisma is out of date with prisma/schema.prisma: run `npm run db:schema`.");
      process.exit(1);
    }
  } else {
    fs.mkdirSync(path.dirname(TARGET), { recursive: true });
    fs.writeFileSync(TARGET, expected);
  }
}
