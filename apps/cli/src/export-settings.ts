/**
 * The export's tuning options, checked before anything starts. `exportCohort` is public, and a
 * bad value there fails silently otherwise: a read-ahead limit of 0 or below never lets a reader
 * go on (the export hangs), NaN compares false with everything (the memory bound is gone, or
 * the time checkpoints stop), and an explicit `undefined` spread over the defaults erases them.
 *
 * @module
 */
import { UsageError } from "./config.ts";

/** Read-ahead per user by default: a few pages of a long history. */
export const DEFAULT_LOOKAHEAD_BYTES = 1 << 20;
/** The checkpoint cadence by default: a second's work, or 16 MiB of output, whichever first. */
export const DEFAULT_CHECKPOINT_EVERY = { ms: 1000, bytes: 16 << 20 } as const;

/**
 * `lookaheadBytes`: a whole number above 0; the default when undefined.
 *
 * @example
 * ```ts
 * checkLookaheadBytes(undefined); // 1048576
 * checkLookaheadBytes(0); // throws UsageError
 * ```
 */
export function checkLookaheadBytes(value: number | undefined): number {
  if (value === undefined) return DEFAULT_LOOKAHEAD_BYTES;
  if (!(Number.isSafeInteger(value) && value > 0))
    throw new UsageError(`lookaheadBytes ${value}: give a whole number of bytes above 0`);
  return value;
}

/** One field of the cadence: 0 or more (Infinity: never), or undefined for its default. */
function cadence(name: "ms" | "bytes", value: number | undefined): number {
  if (value === undefined) return DEFAULT_CHECKPOINT_EVERY[name];
  if (!(typeof value === "number" && value >= 0))
    throw new UsageError(
      `checkpointEvery.${name} ${value}: give a number from 0 (Infinity for never)`,
    );
  return value;
}

/**
 * `checkpointEvery`, each field checked on its own; a field left out or undefined keeps its
 * default.
 *
 * @example
 * ```ts
 * checkCheckpointEvery({ ms: undefined, bytes: 1 }); // { ms: 1000, bytes: 1 }
 * ```
 */
export function checkCheckpointEvery(
  every: { ms?: number | undefined; bytes?: number | undefined } | undefined,
): { ms: number; bytes: number } {
  return { ms: cadence("ms", every?.ms), bytes: cadence("bytes", every?.bytes) };
}
