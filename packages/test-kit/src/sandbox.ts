/**
 * `@mybot/test-kit/sandbox`: the sandbox for end-to-end suites ({@link startTestSandbox}) and a
 * typed client for its admin API. A subpath of its own, so that the suites that need only the
 * demo credential (the core's) never load the sandbox and its SQLite.
 *
 * @module
 */
export {
  AdminApiError,
  type AdminClient,
  type AdminClientOptions,
  type AdminUser,
  type Bot,
  createAdminClient,
} from "./admin-client.ts";
export { startTestSandbox, type TestSandbox, type TestSandboxOptions } from "./test-sandbox.ts";
