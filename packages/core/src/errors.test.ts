import { describe, expect, it } from "vitest";
import {
  createMyBotError,
  isMyBotApiError,
  kindOf,
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
      expect(kindOf(error)).toBe(kind);
    }
    expect(kindOf(new MyBotApiError({ message: "HTTP 418" }))).toBe("http");
    expect(isMyBotApiError(new Error("plain"))).toBe(false);
    expect(isMyBotApiError({ kind: "auth" })).toBe(false);
  });
  it("carries one classification: the class, with no parallel kind field", () => {
    const error = new MyBotRateLimitError({ message: "slow down", status: 429 });
    expect(error.name).toBe("MyBotRateLimitError");
    expect("kind" in error).toBe(false);
    expect(Object.keys(error.toJSON())).not.toContain("kind");
  });
  it("recognises an error of another copy of the package, which instanceof does not", async () => {
    // A query string makes the module load again: a second copy, with classes of its own.
    // @ts-expect-error: TypeScript knows no module by this name; Vite loads errors.ts again.
    const copy: typeof import("./errors.ts") = await import("./errors.ts?copy");
    const foreign = new copy.MyBotAuthError({ message: "key revoked", status: 401 });
    expect(foreign).not.toBeInstanceOf(MyBotApiError);
    expect(isMyBotApiError(foreign)).toBe(true);
    const lookalike = Object.assign(new Error("x"), { name: "MyBotAuthError", attempts: 1 });
    expect(isMyBotApiError(lookalike)).toBe(false);
  });
  it("says which errors are worth retrying", () => {
    expect(createMyBotError({ kind: "server", message: "" }).retryable).toBe(true);
    expect(new MyBotTimeoutError({ message: "" }).retryable).toBe(true);
    expect(createMyBotError({ kind: "auth", message: "" }).retryable).toBe(false);
    expect(new MyBotApiError({ message: "" }).retryable).toBe(false);
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
      code: 1004,
      errorName: "INVALID_PAGE_NUMBER",
    });
    expect(json.stack).toBeUndefined();
  });
});
