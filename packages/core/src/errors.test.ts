import { describe, expect, it } from "vitest";
import {
  createMyBotError,
  isMyBotApiError,
  kindOfStatus,
  MyBotApiError,
  MyBotAuthError,
  MyBotRateLimitError,
  MyBotServerError,
  MyBotTimeoutError,
} from "./errors.ts";

describe("errors", () => {
  it("maps statuses to kinds", () => {
    expect([400, 401, 403, 404, 408, 429, 500, 503, 418].map(kindOfStatus)).toEqual([
      "invalid_input",
      "auth",
      "auth",
      "not_found",
      "timeout",
      "rate_limited",
      "server",
      "server",
      "http",
    ]);
  });
  it("builds the subclass of the kind, all of them MyBotApiError", () => {
    const cases = [
      ["auth", MyBotAuthError],
      ["rate_limited", MyBotRateLimitError],
      ["server", MyBotServerError],
      ["timeout", MyBotTimeoutError],
    ] as const;
    for (const [kind, cls] of cases) {
      const error = createMyBotError({ kind, message: "x", status: 500, attempts: 3 });
      expect(error).toBeInstanceOf(cls);
      expect(error).toBeInstanceOf(MyBotApiError);
      expect(isMyBotApiError(error)).toBe(true);
      expect(error.attempts).toBe(3);
    }
    expect(isMyBotApiError(new Error("plain"))).toBe(false);
    expect(isMyBotApiError({ kind: "auth" })).toBe(false);
  });
  it("says which errors are worth retrying", () => {
    expect(createMyBotError({ kind: "server", message: "" }).retryable).toBe(true);
    expect(createMyBotError({ kind: "auth", message: "" }).retryable).toBe(false);
  });
  it("serializes without a stack", () => {
    const error = createMyBotError({
      kind: "invalid_input",
      message: "bad page",
      code: 1004,
      errorName: "INVALID_PAGE_NUMBER",
    });
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({
      name: "MyBotBadRequestError",
      kind: "invalid_input",
      code: 1004,
      errorName: "INVALID_PAGE_NUMBER",
    });
    expect(json.stack).toBeUndefined();
  });
});
