import { pactTests } from "../vitest.shared.ts";

// The provider verification and the checks of the pacts against the spec: a Pact run.
export default pactTests({
  include: ["test/**/*.test.ts"],
  outputFile: { json: "test-results/vitest.json" },
  testTimeout: 120_000,
});
