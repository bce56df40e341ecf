/**
 * @mybot/cli: the `mybot` command line.
 *
 * @module
 */
export { resolveSettings, UsageError } from "./config.ts";
export { type DoctorOptions, type DoctorReport, type DoctorRun, runDoctor } from "./doctor.ts";
export type { DoctorCheck, Verdict } from "./doctor-checks.ts";
export { buildSample, DEFAULT_SAMPLE, renderDoctorReport } from "./doctor-report.ts";
export { EXIT, exitCodeOf } from "./exit-codes.ts";
export {
  type ExportOptions,
  type ExportResult,
  exportCohort,
  exportMessageLine,
  exportMissingLine,
} from "./export.ts";
export { type Checkpoint, readCheckpoint } from "./export-checkpoint.ts";
export {
  csvField,
  FORMULA_START,
  formatUsers,
  MESSAGE_CSV_HEADER,
  messageWriter,
} from "./format.ts";
export { type Io, main, USAGE } from "./main.ts";
export { displayText, type MessageRecord, toMessageRecord } from "./message-record.ts";
export { redactValue } from "./redact-sample.ts";
export { jsonForTerminal, safeCell, safeForTerminal } from "./terminal-text.ts";
