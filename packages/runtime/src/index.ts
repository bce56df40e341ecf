/**
 * @mybot/runtime: the start-up every app shares, one home for each concern.
 *
 * @module
 */
export { parseDotEnv, readDotEnv } from "./dotenv.ts";
export { parseDuration } from "./duration.ts";
export {
  DEFAULT_HOST,
  type Env,
  EnvError,
  hostFromEnv,
  parsePort,
  portFromEnv,
  portSentence,
} from "./env.ts";
export { splitNameValue } from "./name-value.ts";
export {
  type BunGlobal,
  type BunServer,
  bunGlobal,
  type DenoGlobal,
  type DenoServer,
  denoGlobal,
  type RuntimeName,
  runtimeName,
} from "./runtime.ts";
export {
  type FetchHandler,
  PortInUseError,
  type Served,
  type ServeOptions,
  serve,
} from "./serve.ts";
export { onShutdown, type ShutdownOptions, type ShutdownProcess, type Stop } from "./shutdown.ts";
export { parseTime } from "./time.ts";
