/**
 * Times in commands: `since` and `until` take a duration back from now or an ISO date, and a
 * date without a zone is UTC, like every time this app shows.
 *
 * @module
 */

const DURATION = /^(\d{1,5})([mhdw])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * A point in time: a duration back from `now` (`30m`, `24h`, `7d`, `2w`) or an ISO date.
 *
 * @example
 * ```ts
 * parseTime("7d", Date.UTC(2024, 0, 8)); // Date.UTC(2024, 0, 1)
 * ```
 */
export function parseTime(text: string, now: number): number | undefined {
  const duration = DURATION.exec(text);
  if (duration) return now - Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS];
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return undefined;
  const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) || text.length === 10 ? text : `${text}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}
