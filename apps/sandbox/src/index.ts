/**
 * @mybot/sandbox: a faithful, stateful MyBOT API for tests, demos and contract verification.
 *
 * @module
 */

export { openDatabase } from "@mybot/sqlite";
export { createSandboxApp, type SandboxAppOptions } from "./app.ts";
export { type Sandbox, SandboxConfigError, type SandboxEnv, startSandbox } from "./boot.ts";
export { bulkLoad } from "./bulk-load.ts";
export { DEMO_CREDENTIAL, demoSeed } from "./demo.ts";
export { sessionUserId } from "./derived-ids.ts";
export { type Fault, FaultTable, parseFault } from "./faults.ts";
export {
  DEFAULT_END_TIME,
  type GeneratorOptions,
  generateSeed,
  generateUsers,
} from "./generator.ts";
export {
  createShapeSetting,
  DEFAULT_HISTORY_SHAPE,
  HISTORY_SHAPE_ENV,
  HISTORY_SHAPE_VARIANTS,
  type HistoryOrder,
  type HistoryShape,
  type ListKey,
  mergeShape,
  ShapeError,
  type ShapeSetting,
  shapeFromEnv,
  type TimestampFormat,
} from "./history-shape.ts";
export { prng } from "./prng.ts";
export {
  loadSeed,
  parseSeed,
  type Seed,
  SeedError,
  type SeedMessage,
  toStoredMessages,
} from "./seed.ts";
export { type SandboxServeOptions, serveSandbox } from "./serve-sandbox.ts";
export { createSqliteStore } from "./store/sqlite-store.ts";
export type { SandboxStore, StoredFile, StoredMessage, StoredUser } from "./store/store.ts";
export { DEFAULT_UTC_OFFSET, formatVendorTimestamp } from "./vendor-time.ts";
