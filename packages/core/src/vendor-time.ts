/**
 * Reads the vendor's message timestamps (contracts/openapi/mybot.yaml `VendorMessage.timestamp`):
 * observed as a local date-time with milliseconds and a numeric offset without a colon,
 * `2026-08-01 20:51:14.250+0530`, or with slashes, `2026/08/01 …`. Epoch milliseconds (a number,
 * or a string of digits) are read too. A string without an offset is refused: guessing its zone
 * would misdate the message.
 *
 * Hand-written rather than a regular expression and `Date.parse`: it runs once per message, on
 * every page, and must not be where the client's time goes (see bench/).
 *
 * @module
 */

/**
 * Epoch milliseconds from 1973-03-03 on: anything smaller is more likely epoch seconds, which
 * read as milliseconds would land in January 1970, a misdated message rather than an error.
 */
function isEpochMs(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1e11;
}

function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch milliseconds of a vendor timestamp, or undefined when it cannot be read.
 *
 * @example
 * ```ts
 * parseVendorTimestamp("2026-08-01 20:51:14.250+0530"); // 1785597674250
 * parseVendorTimestamp(1785597674250); // 1785597674250
 * parseVendorTimestamp("2026-08-01 20:51:14"); // undefined: no offset
 * ```
 */
export function parseVendorTimestamp(value: unknown): number | undefined {
  if (typeof value === "number") return isEpochMs(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.length > 40 ? "" : value;
  if (text.length < 20) {
    // Epoch milliseconds sent as a string of digits.
    if (text.length >= 12 && text.length <= 16 && digits(text, 0, text.length) >= 0) {
      return Number(text);
    }
    return undefined;
  }
  const sep = text.charCodeAt(4);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const between = text.charCodeAt(10);
  if (
    (sep !== 45 && sep !== 47) || // - or /
    text.charCodeAt(7) !== sep ||
    (between !== 32 && between !== 84) || // space or T
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    year < 1900 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > (DAYS_IN_MONTH[month - 1] as number) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  ) {
    return undefined;
  }
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === 46) {
    // A fraction of 1 to 9 digits; the first three are the milliseconds.
    let scale = 100;
    at++;
    const from = at;
    for (; at < text.length; at++) {
      const d = text.charCodeAt(at) - 48;
      if (d < 0 || d > 9) break;
      millis += d * scale;
      scale /= 10;
    }
    if (at === from || at - from > 9) return undefined;
    millis = Math.floor(millis);
  }
  let offsetMinutes: number;
  const sign = text.charCodeAt(at);
  if (sign === 90 && at + 1 === text.length)
    offsetMinutes = 0; // Z
  else if (sign === 43 || sign === 45) {
    const colon = text.charCodeAt(at + 3) === 58 ? 1 : 0;
    if (at + 5 + colon !== text.length) return undefined;
    const oh = digits(text, at + 1, 2);
    const om = digits(text, at + 3 + colon, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
    offsetMinutes = (sign === 43 ? 1 : -1) * (oh * 60 + om);
  } else return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  // 29 February of a common year, for instance, rolls over in Date.UTC: refuse it.
  if (day > 28 && new Date(ms + offsetMinutes * 60_000).getUTCDate() !== day) return undefined;
  return ms >= 0 ? ms : undefined;
}
