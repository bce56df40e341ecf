/**
 * Reads the vendor's message timestamps (contracts/openapi/mybot.yaml `VendorMessage.timestamp`):
 * observed as a local date-time with milliseconds and a numeric offset without a colon,
 * `2026-08-01 20:51:14.250+0530`, or with slashes, `2026/08/01 …`. Epoch milliseconds (a number,
 * or a string of digits) are read too. A string without an offset is refused: guessing its zone
 * would misdate the message.
 *
 * Hand-written, char code by char code, rather than a regular expression and `Date.parse`, and
 * with integer calendar arithmetic rather than `Date.UTC` and a `Date` round trip to check the
 * day: it runs once per message, on every page, and must not be where the client's time goes
 * (see bench/).
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

/** Whether `text` is only decimal digits. */
function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/** The number written by the two decimal digits at `at`, or -1 when either is not a digit. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days in `month` (1–12) of `year`, Gregorian: February has 29 in years divisible by 4 but not
 * by 100, or by 400.
 */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] as number;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/**
 * Days from 1970-01-01 to a valid Gregorian date from year 1900 on, by Howard Hinnant's
 * `days_from_civil` (https://howardhinnant.github.io/date_algorithms.html#days_from_civil): years
 * start in March, so the leap day ends them, and repeat in eras of 400 years (146097 days).
 * Every operand is a small non-negative integer, so `x / n | 0` is the floor division (and
 * measurably cheaper than `Math.floor`).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = (y / 400) | 0;
  const yearOfEra = y - era * 400; // 0–399
  const dayOfYear = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1; // 0–365
  const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Epoch milliseconds of a vendor timestamp, or undefined when it cannot be read.
 *
 * Reads `YYYY-MM-DD hh:mm:ss` from year 1900 (`-` or `/` between the date's fields, the same
 * both times; ` ` or `T` before the time), an optional fraction of 1 to 9 digits (the first three
 * are the milliseconds, the rest are dropped), then an offset: `+hhmm`, `+hh:mm`, the same with
 * `-`, or `Z`. Refuses impossible dates (31 April, 29 February 2026), instants before 1970 and
 * strings over 40 chars. A number is read as epoch milliseconds when it is a safe integer of at
 * least 1e11, and so is a string of 12 to 16 digits.
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
  if (typeof value !== "string" || value.length > 40) return undefined;
  const text = value;
  const length = text.length;
  if (length < 20) {
    // Epoch milliseconds sent as a string of digits.
    if (length < 12 || length > 16 || !isDigits(text)) return undefined;
    const ms = Number(text);
    return isEpochMs(ms) ? ms : undefined;
  }
  const century = twoDigits(text, 0);
  const yearInCentury = twoDigits(text, 2);
  const sep = text.charCodeAt(4);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const between = text.charCodeAt(10);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const year = century * 100 + yearInCentury;
  if (
    century < 19 ||
    yearInCentury < 0 ||
    (sep !== 45 && sep !== 47) || // - or /
    text.charCodeAt(7) !== sep ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    (between !== 32 && between !== 84) || // space or T
    hour < 0 ||
    hour > 23 ||
    text.charCodeAt(13) !== 58 || // :
    minute < 0 ||
    minute > 59 ||
    text.charCodeAt(16) !== 58 ||
    second < 0 ||
    second > 59
  ) {
    return undefined;
  }
  let at = 19;
  let next = text.charCodeAt(at);
  let millis = 0;
  if (next === 46) {
    // A fraction of 1 to 9 digits; the first three are the milliseconds.
    const from = ++at;
    for (; at < length; at++) {
      next = text.charCodeAt(at);
      const d = next - 48;
      if (d < 0 || d > 9) break;
      if (at - from < 3) millis = millis * 10 + d;
    }
    const count = at - from;
    if (count === 0 || count > 9) return undefined;
    if (count === 1) millis *= 100;
    else if (count === 2) millis *= 10;
  }
  // `next` is the char at `at`, Z or the offset's sign (or a digit when nothing follows the fraction).
  let offsetMinutes: number;
  if (next === 90 && at + 1 === length) offsetMinutes = 0;
  else if (next === 43 || next === 45) {
    const colon = text.charCodeAt(at + 3) === 58 ? 1 : 0;
    if (at + 5 + colon !== length) return undefined;
    const offsetHours = twoDigits(text, at + 1);
    const offsetMinutesInHour = twoDigits(text, at + 3 + colon);
    if (
      offsetHours < 0 ||
      offsetHours > 23 ||
      offsetMinutesInHour < 0 ||
      offsetMinutesInHour > 59
    ) {
      return undefined;
    }
    offsetMinutes = offsetHours * 60 + offsetMinutesInHour;
    if (next === 45) offsetMinutes = -offsetMinutes;
  } else return undefined;
  const utcMinutes = hour * 60 + minute - offsetMinutes;
  const ms =
    daysFromCivil(year, month, day) * 86_400_000 + (utcMinutes * 60 + second) * 1000 + millis;
  return ms >= 0 ? ms : undefined;
}
