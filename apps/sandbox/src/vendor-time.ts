/**
 * The vendor's timestamp string, `YYYY-MM-DD HH:mm:ss.SSS+HHMM`: a local date-time in the bot's
 * zone with milliseconds and a numeric offset without a colon (shared/mybot-api/README.md,
 * "What the history endpoint really returns"). The sandbox formats it once per message, when the
 * message is written, so that serving a page never formats a date.
 *
 * @module
 */

/** The offset a bot's timestamps are shown in unless its seed says otherwise (India, as observed). */
export const DEFAULT_UTC_OFFSET = "+0530";

const OFFSET = /^([+-])(\d{2})(\d{2})$/;

/**
 * Whether `text` is an offset in the vendor's form `[+-]HHMM`, from -1200 to +1400.
 *
 * @example
 * ```ts
 * isUtcOffset("+0530"); // true
 * isUtcOffset("+05:30"); // false
 * ```
 */
export function isUtcOffset(text: unknown): text is string {
  const match = typeof text === "string" ? OFFSET.exec(text) : null;
  if (!match) return false;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (minutes > 59) return false;
  return match[1] === "+" ? hours * 60 + minutes <= 14 * 60 : hours * 60 + minutes <= 12 * 60;
}

/**
 * Minutes east of UTC of an offset such as `+0530` (330) or `-0800` (-480).
 *
 * @example
 * ```ts
 * offsetMinutes("-0330"); // -210
 * ```
 */
export function offsetMinutes(offset: string): number {
  const match = OFFSET.exec(offset);
  if (!match) throw new Error(`not a UTC offset: ${offset}`);
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

let lastOffset = "";
let lastShift = 0;

/**
 * The vendor's string for an instant, in the given offset.
 *
 * @example
 * ```ts
 * formatVendorTimestamp(1_700_000_000_000, "+0530"); // "2023-11-15 03:43:20.000+0530"
 * ```
 */
export function formatVendorTimestamp(epochMs: number, offset: string): string {
  // Bulk loads format a million stamps in one offset: parse it once, not per message.
  if (offset !== lastOffset) {
    lastShift = offsetMinutes(offset) * 60_000;
    lastOffset = offset;
  }
  // toISOString of the shifted instant is the local wall-clock time; it is fast and exact to the ms.
  const iso = new Date(epochMs + lastShift).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${offset}`;
}
