/**
 * @mybot/sandbox: a faithful, stateful MyBOT API for tests, demos and contract verification.
 *
 * @module
 */
export { createSandboxApp, type SandboxAppOptions } from "./app.ts";
export { type Sandbox, SandboxConfigError, type SandboxEnv, startSandbox } from "./boot.ts";
export { bulkLoad } from "./bulk-load.ts";
export { DEMO_CREDENTIAL, demoSeed } from "./demo.ts";
export { type Fault, FaultTable, parseFault } from "./faults.ts";
export {
  DEFAULT_END_TIME,
  type GeneratorOptions,
  generateSeed,
  generateUsers,
} from "./generator.ts";
export { loadSeed, parseSeed, type Seed, SeedError } from "./seed.ts";
export { serveOnNode } from "./serve-node.ts";
export { openDatabase } from "./store/open-database.ts";
export { createSqliteStore } from "./store/sqlite-store.ts";
export type { SandboxStore, StoredMessage, StoredUser } from "./store/store.ts";
