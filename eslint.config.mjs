import fs from "node:fs";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Import boundaries (README, "Project layout"). Each feature under src/features is reached from outside its
// folder only through its entries, and the entries are cut so that server code cannot reach a browser bundle:
//   @/features/<name>             index.ts: schemas, types and pure code, safe in the browser and on the server
//   @/features/<name>/components  components/index.ts: React components and client helpers
//   @/features/<name>/server      server/index.ts: services that use the database or Node
//   @/features/<name>/server/router  the tRPC router, for the root router only (kept out of server/index.ts
//                                 so that the engine worker does not load tRPC)
//   @/features/<name>/engine      engine/index.ts (runs): what the web server and the worker start
// The built-in no-restricted-imports carries the feature boundaries; @typescript-eslint's copy of it (for
// its type-import option) keeps browser code away from server modules. Two rules, so that the file sets of
// the two concerns never override each other. Tests and the bench may reach a feature's internals.
const FEATURES = fs
  .readdirSync(new URL("./src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const ENTRIES = ["components", "server", "server/router", "engine"];
const TESTS = ["**/*.test.ts", "src/test/**", "src/bench/**"];
const SOURCES = "*.{ts,tsx,mjs}";
const MAX_DEPTH = 5; // folder levels below src/features/<name>

const throughEntries = (name) => ({
  regex: `^@/features/${name}/(?!(?:${ENTRIES.join("|")})$)`,
  message: `Import the ${name} feature through its entries: @/features/${name} (browser-safe), @/features/${name}/components or @/features/${name}/server.`,
});
const noRelativeIntoFeatures = {
  regex: "^\\.\\.?/(?:\\.\\./)*features/",
  message: "Reach a feature through its entries (@/features/<name>…), not a relative path.",
};
const noRelativeOutOf = (name, depth) => ({
  regex: `^(?:\\.\\./){${depth + 1}}`,
  message: `A relative import may not leave src/features/${name}: use @/features/<name> entries for another feature, @/… for shared code.`,
});
const noComponentsInServer = {
  regex: "^@/features/[^/]+/components(?:/|$)",
  message: "src/server never imports a feature's components.",
};
const boundaries = (files, patterns) => ({ files, rules: { "no-restricted-imports": ["error", { patterns }] } });
const otherFeatures = (name) => FEATURES.filter((other) => other !== name).map(throughEntries);

// Later blocks override earlier ones for the same file, so the list goes from general to specific, tests last.
const boundaryBlocks = [
  boundaries([`src/**/${SOURCES}`], [...FEATURES.map(throughEntries), noRelativeIntoFeatures]),
  boundaries(TESTS, [noRelativeIntoFeatures]),
  boundaries([`src/server/**/${SOURCES}`], [...FEATURES.map(throughEntries), noRelativeIntoFeatures, noComponentsInServer]),
  boundaries([`src/server/**/*.test.ts`], [noRelativeIntoFeatures, noComponentsInServer]),
  ...FEATURES.flatMap((name) =>
    Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => {
      const folder = `src/features/${name}/${"*/".repeat(depth)}`;
      return [
        boundaries([`${folder}${SOURCES}`], [...otherFeatures(name), noRelativeOutOf(name, depth)]),
        boundaries([`${folder}*.test.ts`], [noRelativeOutOf(name, depth)]),
      ];
    }).flat(),
  ),
];

// Code that can end up in a browser bundle: the features' browser-safe entries, their components and kind
// modules (each kind's schema, form and implementation; the server hands the implementation its I/O), and the shared components. A type import is fine (it leaves no code behind).
const browserCode = {
  files: ["src/features/*/index.ts", "src/features/*/components/**", "src/features/*/kinds/*.ts", "src/components/**"],
  ignores: TESTS,
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            regex: "^(?:@/features/[^/]+/|\\.\\./)+(?:server|engine)(?:/|$)|^@/(?:server|generated)/|^node:",
            allowTypeImports: true,
            message: "Browser code must not import server code (a feature's server or engine, src/server, Prisma, node:*); import types with `import type`.",
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [".next/**", "node_modules/**", "src/generated/**", "data/**", "test-results/**", "playwright-report/**", "dist/**", "next-env.d.ts"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Promises: the one deliberate floating promise (the run spawn) is explicit with `void`.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly" } },
  },
  ...boundaryBlocks,
  browserCode,
);
