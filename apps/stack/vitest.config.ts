import { packageTests } from "../../vitest.shared.ts";

// The stack starts every app, some as processes: each test and hook may take longer.
export default packageTests({
  include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  testTimeout: 120_000,
  hookTimeout: 120_000,
});
