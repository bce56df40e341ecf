import { defineConfig } from "vitest/config";

// Pact's native library crashes under worker threads: consumer tests run in forked workers.
export default defineConfig({
  test: {
    include: ["src/**/*.pact.test.ts"],
    pool: "forks",
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest-pact.json" },
    testTimeout: 60_000,
  },
});
