/**
 * Checks of the client's settings, done once when it is created: a mistake in a credential or an
 * address is reported then, in a sentence that names the setting and never repeats its value
 * (the value may be, or hold, a secret).
 *
 * @module
 */
import { DEFAULT_MAX_HISTORY_PAGES } from "./page-guard.ts";
import { hasControlCharacters, invalidParameter } from "./validate.ts";

/**
 * Returns the API key when it can be sent as a header value: a non-blank string without control
 * characters. A CR or LF would split the `Authorization` header (or make fetch throw an error
 * that quotes the header, key included); a trailing newline from a key file is the usual cause.
 *
 * @example
 * ```ts
 * checkApiKey(process.env.MYBOT_API_KEY); // the key, or a MyBotBadRequestError naming apiKey
 * ```
 */
export function checkApiKey(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "")
    invalidParameter("apiKey must be a non-empty string");
  if (hasControlCharacters(value))
    invalidParameter(
      "apiKey must not contain control characters (a line break or tab copied with it?)",
    );
  return value;
}

/**
 * Parses the base URL: absolute http(s), without user info (the key is the only credential, and
 * a password in the URL would reach every log that prints it), a query or a fragment (paths are
 * appended to it as text).
 *
 * @example
 * ```ts
 * checkBaseUrl("https://api.engati.com"); // URL
 * ```
 */
export function checkBaseUrl(value: unknown): URL {
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    // Refused below, without the parser's message: it quotes the input.
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:"))
    invalidParameter("baseUrl must be an absolute http(s) URL, such as https://api.engati.com");
  if (url.username !== "" || url.password !== "")
    invalidParameter(
      "baseUrl must not hold a user name or password (user:password@): the apiKey is the only credential",
    );
  if (url.search !== "" || url.hash !== "" || /[?#]/.test(String(value)))
    invalidParameter(
      "baseUrl must be an absolute http(s) URL without a query or fragment, such as https://api.engati.com",
    );
  return url;
}

/**
 * Returns `maxHistoryPages`, or its default: a positive integer. A client setting, so its
 * mistake is a plain `invalid_input`, not the vendor's `INVALID_PAGE_NUMBER` of a request.
 *
 * @example
 * ```ts
 * checkMaxHistoryPages(undefined); // 10000
 * ```
 */
export function checkMaxHistoryPages(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_HISTORY_PAGES;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1)
    invalidParameter("maxHistoryPages must be a positive integer");
  return value;
}
