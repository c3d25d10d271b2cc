import path from "node:path";
import { defineConfig } from "vitest/config";

// System tests: the production build as a real server process (run after `next build`).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    environment: "node",
    include: ["e2e/system/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
