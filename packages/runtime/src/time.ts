/**
 * Points in time as the CLI's `--since`/`--until` and the Slack app's `since`/`until` take them:
 * a duration back from now, an ISO date (UTC when it has no zone, like every time the toolkit
 * shows), or epoch milliseconds.
 *
 * @module
 */
import { parseDuration } from "./duration.ts";

// A date, then optionally a time and a zone: a grammar of its own rather than whatever
// `Date.parse` also accepts after a date.
const ISO = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+([zZ]|[+-]\d{2}:?\d{2})?)?$/;
const ZONE = /[zZ]|[+-]\d{2}:?\d{2}$/;

/**
 * Epoch milliseconds, or `undefined` when `text` is none of the three forms or no real date.
 *
 * @example
 * ```ts
 * parseTime("7d", Date.UTC(2024, 0, 8)); // Date.UTC(2024, 0, 1)
 * parseTime("2024-01-31T10:00", now); // Date.UTC(2024, 0, 31, 10)
 * parseTime("1706695200000", now); // 1706695200000
 * ```
 */
export function parseTime(text: string, now: number): number | undefined {
  const back = parseDuration(text);
  if (back !== undefined) return now - back;
  if (/^\d{10,16}$/.test(text)) return Number(text);
  if (!ISO.test(text) || !onTheCalendar(text)) return undefined;
  // A bare date is UTC to Date.parse already; a date and time without a zone would be local.
  const ms = Date.parse(ZONE.test(text) || text.length === 10 ? text : `${text}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Whether the text's `YYYY-MM-DD` is a day its month has: `Date.parse` takes 2024-02-30 as March 1. */
function onTheCalendar(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years 0 to 99 as 19xx
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
