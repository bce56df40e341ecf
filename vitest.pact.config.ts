// The one Pact configuration: every consumer's `test:contracts` runs
// `vitest run --config ../../vitest.pact.config.ts` from its own folder (vitest's root).
import { pactTests } from "./vitest.shared.ts";

export default pactTests();
