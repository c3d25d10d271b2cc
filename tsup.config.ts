import { defineConfig } from "tsup";

// Builds what other apps use from this repository: the typed client
// (`trialrun/client`, JS + bundled .d.ts carrying AppRouter's types) and the
// `trialrun` CLI. Runtime dependencies stay external; no server code is bundled.
export default defineConfig([
  {
    entry: { "client/index": "src/client/index.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    outDir: "dist",
    dts: { compilerOptions: { incremental: false, composite: false } },
    clean: false,
    external: ["@trpc/client", "@trpc/server", "superjson"],
  },
  {
    entry: { "cli/index": "src/cli/index.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    outDir: "dist",
    clean: false,
    external: ["@trpc/client", "@trpc/server", "superjson", "commander"],
  },
]);
