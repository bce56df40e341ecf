/**
 * Durations as people write them in flags, commands and configuration: `90s`, `30m`, `24h`,
 * `7d`, `2w`. One syntax for the CLI, the Slack app and the exporter (the union of the three
 * they had: seconds came from the exporter, up to seven digits too).
 *
 * @module
 */

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION = /^(\d{1,7})([smhdw])$/;

/**
 * Milliseconds, or `undefined` when `text` is not a duration (no spaces allowed: the caller trims
 * where its input may carry them).
 *
 * @example
 * ```ts
 * parseDuration("30m"); // 1_800_000
 * parseDuration("soon"); // undefined
 * ```
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  return match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : undefined;
}
