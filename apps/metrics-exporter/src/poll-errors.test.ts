import {
  MyBotAbortError,
  MyBotApiError,
  MyBotAuthError,
  MyBotBadRequestError,
  MyBotConnectionError,
  MyBotInvalidResponseError,
  MyBotNotFoundError,
  MyBotRateLimitError,
  MyBotServerError,
  MyBotTimeoutError,
} from "@mybot/core";
import { expect, it } from "vitest";
import { POLL_ERROR_REASONS, pollErrorReason } from "./poll-errors.ts";

it.each([
  [MyBotRateLimitError, "rate_limited"],
  [MyBotServerError, "server_error"],
  [MyBotTimeoutError, "timeout"],
  [MyBotConnectionError, "network"],
  [MyBotInvalidResponseError, "invalid_response"],
  [MyBotNotFoundError, "not_found"],
  [MyBotAuthError, "auth"],
  [MyBotBadRequestError, "other"],
  [MyBotApiError, "other"],
  [MyBotAbortError, "other"],
] as const)("reads a %o as reason %s", (cls, reason) => {
  expect(pollErrorReason(new cls({ message: "x" }))).toBe(reason);
});

it("reads anything else as other, and only ever answers one of the fixed reasons", () => {
  expect(pollErrorReason(new Error("919812345678 failed"))).toBe("other");
  expect(pollErrorReason("a string")).toBe("other");
  expect(POLL_ERROR_REASONS).toContain(pollErrorReason(undefined));
});
