import { packageTests } from "../../vitest.shared.ts";

export default packageTests({
  include: ["src/**/*.test.ts", "runtime-tests/**/*.test.ts", "scripts/**/*.test.ts"],
});
