/**
 * @mybot/test-kit: what the test suites share: the runtimes for cross-runtime tests, a helper
 * that starts server processes and cleans up after them, and (in `./pact`) the Pact consumers'
 * common ground.
 *
 * @module
 */
export { bun, deno, node24 } from "./runtimes.ts";
export { freePort, type Service, startService } from "./service.ts";
export { VENDOR_TIMESTAMP_PATTERN, vendorTimestamp } from "./vendor-timestamp.ts";
