import { defineConfig } from "vitest/config";

// Pact's native library crashes under worker threads: the verification runs in forked workers.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
