import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "runtime-tests/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["**/*.pact.test.ts", "**/node_modules/**"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    testTimeout: 60_000,
  },
});
