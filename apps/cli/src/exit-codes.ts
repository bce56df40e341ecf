/**
 * Exit codes, one per kind of failure, so scripts can branch on them (documented in README.md).
 *
 * @module
 */
import {
  MyBotAbortError,
  type MyBotApiError,
  MyBotAuthError,
  MyBotBadRequestError,
  MyBotConnectionError,
  MyBotInvalidResponseError,
  MyBotNotFoundError,
  MyBotRateLimitError,
  MyBotServerError,
  MyBotTimeoutError,
} from "@mybot/core";

// @mybot/core tells failures apart by class; the CLI names them with the words its exit codes,
// `doctor` report and shared samples have always used.
const KINDS = [
  [MyBotBadRequestError, "invalid_input"],
  [MyBotAuthError, "auth"],
  [MyBotNotFoundError, "not_found"],
  [MyBotRateLimitError, "rate_limited"],
  [MyBotServerError, "server"],
  [MyBotConnectionError, "connection"],
  [MyBotTimeoutError, "timeout"],
  [MyBotAbortError, "aborted"],
  [MyBotInvalidResponseError, "invalid_response"],
] as const;

/** The word for a @mybot/core error's class; `http` for any other HTTP status. */
export type ErrorKind = (typeof KINDS)[number][1] | "http";

/**
 * @example
 * ```ts
 * errorKind(new MyBotTimeoutError({ message: "slow" })); // "timeout"
 * ```
 */
export function errorKind(error: MyBotApiError): ErrorKind {
  return KINDS.find(([cls]) => error instanceof cls)?.[1] ?? "http";
}

export const EXIT = {
  ok: 0,
  /** A bug or an unexpected failure. */
  unexpected: 1,
  /** The command line is wrong: unknown command or flag, a bad value, missing configuration. */
  usage: 2,
  /** MyBOT rejected the key (401) or its reach (403). */
  auth: 3,
  /** MyBOT rejected the input: unknown user, bot or customer (1002, 404), bad dates or page. */
  rejected: 4,
  /** MyBOT is down, slow, rate limiting or unreachable; try again later (an export can resume). */
  unavailable: 5,
  /** MyBOT answered something that is not the documented JSON. */
  badResponse: 6,
  /** `mybot doctor`: MyBOT answers in a way the toolkit does not read (the report says what). */
  mismatch: 7,
  /** Interrupted (Ctrl-C); an export can resume. */
  interrupted: 130,
} as const;

/** The exit code for a @mybot/core error kind. */
export function exitCodeOf(kind: ErrorKind): number {
  switch (kind) {
    case "auth":
      return EXIT.auth;
    case "invalid_input":
    case "not_found":
      return EXIT.rejected;
    case "rate_limited":
    case "server":
    case "connection":
    case "timeout":
      return EXIT.unavailable;
    case "aborted":
      return EXIT.interrupted;
    case "invalid_response":
      return EXIT.badResponse;
    default:
      return EXIT.unexpected;
  }
}
