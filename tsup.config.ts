import { defineConfig } from "tsup";

// Builds what runs outside Next.js: the typed client (`trialrun/client`, JS +
// bundled .d.ts carrying AppRouter's types), the `trialrun` CLI, the engine
// worker process and the production server's API path. Runtime dependencies stay external.
export default defineConfig([
  {
    entry: { "client/index": "src/client/index.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    outDir: "dist",
    dts: { compilerOptions: { incremental: false, composite: false } },
    clean: false,
    external: ["@trpc/client", "@trpc/server"],
  },
  {
    // The engine worker, and the API's direct path in the production server
    // (src/server/http/node-api.ts), bundle our server code (not npm packages).
    entry: { "worker/main": "src/worker/main.ts", "server/node-api": "src/server/http/node-api.ts" },
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
    external: ["@trpc/client", "@trpc/server", "commander"],
  },
]);
