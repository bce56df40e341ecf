import { createMyBotError, type MyBotErrorKind } from "@mybot/core";
import { expect, it } from "vitest";
import { POLL_ERROR_REASONS, pollErrorReason } from "./poll-errors.ts";

it.each([
  ["rate_limited", "rate_limited"],
  ["server", "server_error"],
  ["timeout", "timeout"],
  ["connection", "network"],
  ["invalid_response", "invalid_response"],
  ["not_found", "not_found"],
  ["auth", "auth"],
  ["invalid_input", "other"],
  ["http", "other"],
  ["aborted", "other"],
] as [MyBotErrorKind, string][])("reads a %s error as reason %s", (kind, reason) => {
  expect(pollErrorReason(createMyBotError({ kind, message: "x" }))).toBe(reason);
});

it("reads anything else as other, and only ever answers one of the fixed reasons", () => {
  expect(pollErrorReason(new Error("919812345678 failed"))).toBe("other");
  expect(pollErrorReason("a string")).toBe("other");
  expect(POLL_ERROR_REASONS).toContain(pollErrorReason(undefined));
});
