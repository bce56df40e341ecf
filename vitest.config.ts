// `npx vitest run` here runs every package's tests in one process, each package as a project
// with its own vitest.config.ts (the shared defaults are in vitest.shared.ts). turbo's `pnpm
// test` runs each package's `vitest run` instead, which caches per package and writes each
// package's test-results/vitest.json for .ci/totals.mjs.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts"],
  },
});
