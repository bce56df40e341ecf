import { packageTests } from "../../vitest.shared.ts";

export default packageTests({ include: ["src/**/*.test.ts", "test/**/*.test.ts"] });
