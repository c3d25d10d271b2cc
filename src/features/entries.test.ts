import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The lint rule (eslint.config.mjs) checks each import of browser code on its own; this follows them all:
// nothing a feature's browser-safe entry or components entry loads, however indirectly, may be server code.
const SRC = path.resolve(import.meta.dirname, "..");
const FEATURES = fs.readdirSync(path.join(SRC, "features"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
const SERVER_ONLY = [/^server\//, /^generated\//, /^features\/[^/]+\/(server|engine)\//];
const NODE_MODULES = new Set([...builtinModules, "@prisma/client", "better-sqlite3", "pg", "pg-boss"]);

/** The modules a file loads at run time: type-only imports and exports leave nothing behind and are skipped. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly) specifiers.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.exportClause;
      const typeOnly = statement.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && clause.elements.every((element) => element.isTypeOnly));
      if (!typeOnly) specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers;
}

function resolveModule(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(SRC, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${path.relative(SRC, from)}: cannot resolve ${specifier}`);
}

/** Every path from the entry to a server-only module, as "a → b → c". */
function serverReach(entry: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, trail: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const here = [...trail, path.relative(SRC, file)];
    for (const specifier of runtimeImports(file)) {
      const bare = specifier.replace(/^node:/, "");
      if (NODE_MODULES.has(bare) || NODE_MODULES.has(bare.split("/")[0] ?? "")) {
        problems.push([...here, specifier].join(" → "));
        continue;
      }
      const target = resolveModule(file, specifier);
      if (target === null) continue;
      const relative = path.relative(SRC, target).split(path.sep).join("/");
      if (SERVER_ONLY.some((pattern) => pattern.test(relative))) problems.push([...here, relative].join(" → "));
      else walk(target, here);
    }
  };
  walk(entry, []);
  return problems;
}

describe("feature entries", () => {
  for (const feature of FEATURES) {
    for (const entry of ["index.ts", "components/index.ts"]) {
      const file = path.join(SRC, "features", feature.name, entry);
      if (!fs.existsSync(file)) continue;
      it(`@/features/${feature.name}${entry === "index.ts" ? "" : "/components"} loads no server code, however indirectly`, () => {
        expect(serverReach(file)).toEqual([]);
      });
    }
  }
});
