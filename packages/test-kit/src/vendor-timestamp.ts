/**
 * The vendor's observed timestamp format (shared/mybot-api/README.md), for tests and fixtures:
 * a local date-time with milliseconds and a numeric offset without a colon.
 *
 * @module
 */

/** The format's pattern, as contracts/openapi/mybot.yaml states it (`VendorMessage.timestamp`). */
export const VENDOR_TIMESTAMP_PATTERN =
  "^\\d{4}[-/]\\d{2}[-/]\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([+-]\\d{2}:?\\d{2}|Z)$";

/**
 * `ms` as the vendor writes it, in a zone `offsetMinutes` east of UTC (default +05:30).
 *
 * @example
 * ```ts
 * vendorTimestamp(1_700_000_000_000); // "2023-11-15 03:43:20.000+0530"
 * ```
 */
export function vendorTimestamp(ms: number, offsetMinutes = 330): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().replace("T", " ").slice(0, 23);
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local}${offsetMinutes < 0 ? "-" : "+"}${hh}${mm}`;
}
