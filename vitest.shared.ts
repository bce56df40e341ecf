/**
 * What every package's vitest run shares, in one place: each package's `vitest.config.ts` states
 * only its differences through {@link packageTests}, its `test:contracts` run uses
 * {@link pactTests} (the root `vitest.pact.config.ts`). Each run writes its JSON report to the
 * package's `test-results/`, where `.ci/totals.mjs` sums them.
 *
 * @module
 */
import {
  configDefaults,
  defineConfig,
  type TestUserConfig,
  type ViteUserConfig,
} from "vitest/config";

const defaults: TestUserConfig = {
  // Pact consumer tests run only in `test:contracts` (pactTests), never in the unit run.
  exclude: [...configDefaults.exclude, "**/*.pact.test.ts"],
  reporters: ["default", "json"],
  outputFile: { json: "test-results/vitest.json" },
  // Generous: the suites start servers, SQLite and other runtimes on a shared machine.
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

/**
 * A package's vitest config: the shared defaults, then its own differences (a shallow merge:
 * an option given replaces the default, arrays included).
 *
 * @example
 * ```ts
 * export default packageTests({ include: ["src/**\/*.test.ts", "test/**\/*.test.ts"] });
 * ```
 */
export function packageTests(test: TestUserConfig = {}): ViteUserConfig {
  return defineConfig({ test: { ...defaults, ...test } });
}

/**
 * The Pact run of a package (`vitest run --config ../../vitest.pact.config.ts`): its
 * `*.pact.test.ts`, reported to `test-results/vitest-pact.json`. Pact's native library crashes
 * under worker threads, so the tests run in forked workers.
 *
 * @example
 * ```ts
 * export default pactTests({ include: ["test/**\/*.test.ts"] });
 * ```
 */
export function pactTests(test: TestUserConfig = {}): ViteUserConfig {
  return packageTests({
    include: ["src/**/*.pact.test.ts"],
    exclude: configDefaults.exclude,
    pool: "forks",
    outputFile: { json: "test-results/vitest-pact.json" },
    ...test,
  });
}
