/**
 * Checks of the client's settings, done once when it is created: a mistake in a credential or an
 * address is reported then, in a sentence that names the setting and never repeats its value
 * (the value may be, or hold, a secret).
 *
 * @module
 */
import { createMyBotError } from "./errors.ts";
import { INVALID_REQUEST_PARAMETER } from "./validate.ts";

function refuse(message: string): never {
  throw createMyBotError({
    kind: "invalid_input",
    message,
    code: INVALID_REQUEST_PARAMETER,
    errorName: "INVALID_REQUEST_PARAMETER",
  });
}

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
  if (typeof value !== "string" || value.trim() === "") refuse("apiKey must be a non-empty string");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
  if (/[\u0000-\u001f\u007f]/.test(value))
    refuse("apiKey must not contain control characters (a line break or tab copied with it?)");
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
    refuse("baseUrl must be an absolute http(s) URL, such as https://api.engati.com");
  if (url.username !== "" || url.password !== "")
    refuse(
      "baseUrl must not hold a user name or password (user:password@): the apiKey is the only credential",
    );
  if (url.search !== "" || url.hash !== "" || /[?#]/.test(String(value)))
    refuse(
      "baseUrl must be an absolute http(s) URL without a query or fragment, such as https://api.engati.com",
    );
  return url;
}
