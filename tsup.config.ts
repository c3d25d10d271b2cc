import { defineConfig } from "tsup";

// Builds what runs outside Next.js: the typed client (`trialrun/client`, JS +
// bundled .d.ts carrying AppRouter's types), the `trialrun` CLI, and the engine
// worker process. Runtime dependencies stay external.
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
    // The engine worker bundles our server code (not its npm dependencies).
    entry: { "worker/main": "src/worker/main.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    outDir: "dist",
    clean: false,
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
