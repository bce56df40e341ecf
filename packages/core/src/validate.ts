/**
 * Checks done before a request is sent, mirroring the vendor's 400 codes
 * (API page section 3.2: 1002 ids, 1003 dates, 1004 page number), so that bad input
 * costs no round trip and yields the same `code` the server would send.
 *
 * @module
 */
import { createMyBotError } from "./errors.ts";

/** The project's code for invalid input the vendor table does not cover. */
export const INVALID_REQUEST_PARAMETER = 1000;
/** The vendor's codes. */
export const INVALID_BOT_OR_CUSTOMER_ID = 1002;
export const INVALID_INPUT_DATE_VALUE = 1003;
export const INVALID_PAGE_NUMBER = 1004;

/** The largest page the spec allows (`page_size` maximum). */
export const MAX_PAGE_SIZE = 1000;

function invalid(code: number, errorName: string, message: string): never {
  throw createMyBotError({ kind: "invalid_input", message, code, errorName, details: message });
}

/**
 * Throws the `invalid_input` error of a mistake the vendor's codes do not cover, with the
 * project's code, like every other input error.
 *
 * @example
 * ```ts
 * if (page > cap) invalidParameter(`page must be at most ${cap} (maxHistoryPages)`);
 * ```
 */
export function invalidParameter(message: string): never {
  invalid(INVALID_REQUEST_PARAMETER, "INVALID_REQUEST_PARAMETER", message);
}

/**
 * True when the text holds a C0 control character or DEL: in a path segment or a header value
 * they break the request, or make fetch throw an error that quotes it.
 *
 * @example
 * ```ts
 * hasControlCharacters("key\n"); // true
 * ```
 */
export function hasControlCharacters(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  return /[\u0000-\u001f\u007f]/.test(text);
}

/**
 * Returns the id when it is a usable path segment: non-empty, no control characters,
 * not `.` or `..` (which URL parsers collapse). Other characters, such as the `+` of a phone
 * number, are percent-encoded when sent.
 *
 * @example
 * ```ts
 * checkId("channelUserId", "+919812345678"); // "+919812345678"
 * ```
 */
export function checkId(field: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    invalid(
      INVALID_BOT_OR_CUSTOMER_ID,
      "INVALID_BOT_OR_CUSTOMER_ID",
      `${field} must be a non-empty string`,
    );
  }
  if (hasControlCharacters(value)) {
    invalid(
      INVALID_BOT_OR_CUSTOMER_ID,
      "INVALID_BOT_OR_CUSTOMER_ID",
      `${field} must not contain control characters`,
    );
  }
  if (value === "." || value === "..") {
    invalid(
      INVALID_BOT_OR_CUSTOMER_ID,
      "INVALID_BOT_OR_CUSTOMER_ID",
      `${field} must not be "." or ".."`,
    );
  }
  return value;
}

/**
 * Converts a `Date` or epoch milliseconds to epoch milliseconds.
 *
 * @example
 * ```ts
 * toEpochMs("startDate", new Date("2024-01-01T00:00:00Z")); // 1704067200000
 * ```
 */
export function toEpochMs(
  field: string,
  value: Date | number | undefined,
  strict = true,
): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : value;
  if (strict && (typeof ms !== "number" || !Number.isSafeInteger(ms) || ms < 0)) {
    invalid(
      INVALID_INPUT_DATE_VALUE,
      "INVALID_INPUT_DATE_VALUE",
      `${field} must be a valid Date or a non-negative whole number of epoch milliseconds`,
    );
  }
  return ms;
}

/** Checks that the range is not empty: the vendor wants end_date greater than start_date. */
export function checkDateRange(start: number | undefined, end: number | undefined): void {
  if (start !== undefined && end !== undefined && start >= end) {
    invalid(
      INVALID_INPUT_DATE_VALUE,
      "INVALID_INPUT_DATE_VALUE",
      "startDate must be before endDate",
    );
  }
}

/** Checks a page number: a positive integer starting with 1. */
export function checkPageNumber(field: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 1) {
    invalid(
      INVALID_PAGE_NUMBER,
      "INVALID_PAGE_NUMBER",
      `${field} must be a positive integer starting with 1`,
    );
  }
  return value;
}

/** Checks a page size: an integer from 1 to {@link MAX_PAGE_SIZE}. */
export function checkPageSize(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    invalidParameter(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return value;
}

/** Checks a required, non-empty string such as an attribute name. */
export function checkNonEmpty(field: string, value: unknown): string {
  if (typeof value !== "string" || value === "") {
    invalidParameter(`${field} must be a non-empty string`);
  }
  return value;
}
