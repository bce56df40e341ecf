/**
 * Why a read of MyBOT failed during a poll, as the `reason` label of `mybot_poll_errors_total`:
 * a small fixed set, from @mybot/core's error class, so that the label never carries a user id,
 * a message or a vendor text.
 *
 * @module
 */
import {
  MyBotAuthError,
  MyBotConnectionError,
  MyBotInvalidResponseError,
  MyBotNotFoundError,
  MyBotRateLimitError,
  MyBotServerError,
  MyBotTimeoutError,
} from "@mybot/core";

export const POLL_ERROR_REASONS = [
  "rate_limited",
  "server_error",
  "timeout",
  "network",
  "invalid_response",
  "not_found",
  "auth",
  "other",
] as const;
export type PollErrorReason = (typeof POLL_ERROR_REASONS)[number];

const BY_CLASS = [
  [MyBotRateLimitError, "rate_limited"],
  [MyBotServerError, "server_error"],
  [MyBotTimeoutError, "timeout"],
  [MyBotConnectionError, "network"],
  [MyBotInvalidResponseError, "invalid_response"],
  [MyBotNotFoundError, "not_found"],
  [MyBotAuthError, "auth"],
] as const;

/**
 * @example
 * ```ts
 * pollErrorReason(new MyBotServerError({ message: "…" })); // "server_error"
 * ```
 */
export function pollErrorReason(error: unknown): PollErrorReason {
  return BY_CLASS.find(([cls]) => error instanceof cls)?.[1] ?? "other";
}
