/**
 * Why a read of MyBOT failed during a poll, as the `reason` label of `mybot_poll_errors_total`:
 * a small fixed set, from @mybot/core's error kind, so that the label never carries a user id,
 * a message or a vendor text.
 *
 * @module
 */
import { isMyBotApiError } from "@mybot/core";

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

const BY_KIND: Record<string, PollErrorReason> = {
  rate_limited: "rate_limited",
  server: "server_error",
  timeout: "timeout",
  connection: "network",
  invalid_response: "invalid_response",
  not_found: "not_found",
  auth: "auth",
};

/**
 * @example
 * ```ts
 * pollErrorReason(new MyBotServerError({ kind: "server", message: "…" })); // "server_error"
 * ```
 */
export function pollErrorReason(error: unknown): PollErrorReason {
  return (isMyBotApiError(error) && BY_KIND[error.kind]) || "other";
}
