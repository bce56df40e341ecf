/**
 * @mybot/test-kit: what the test suites share: the demo credential, the runtimes for
 * cross-runtime tests, the seeded generator (`prng`), a helper that starts server processes and cleans up after them; in
 * `./sandbox` the sandbox on a free port with a typed admin client, in `./pact` the Pact
 * consumers' common ground.
 *
 * @module
 */

// The sandbox's seeded generator, by path like demo.ts: the kit cannot depend on the sandbox.
export { prng } from "../../../apps/sandbox/src/prng.ts";
export { builtMain } from "./built.ts";
export { ASHA_ID, botPath, type Credential, DEMO_CREDENTIAL, mybotEnv } from "./demo.ts";
export { bun, deno, node24 } from "./runtimes.ts";
export { freePort, type Service, startService } from "./service.ts";
export { VENDOR_TIMESTAMP_PATTERN, vendorTimestamp } from "./vendor-timestamp.ts";
