/**
 * @mybot/cli: the `mybot` command line.
 *
 * @module
 */
export { parseDotEnv, resolveSettings, UsageError } from "./config.ts";
export { EXIT, exitCodeOf } from "./exit-codes.ts";
export { type ExportOptions, exportCohort } from "./export.ts";
export { csvField, formatUsers, messageWriter } from "./format.ts";
export { type Io, main, USAGE } from "./main.ts";
