import { describe, expect, it } from "vitest";
import { readRateLimit } from "./rate-limit.ts";

const NOW = Date.parse("2023-11-14T22:13:20Z"); // 1_700_000_000 epoch seconds
const read = (init: Record<string, string>) => readRateLimit(new Headers(init), NOW);

describe("readRateLimit", () => {
  it("is undefined when no known header is present", () => {
    expect(read({})).toBeUndefined();
    expect(read({ "Content-Type": "application/json", "X-Request-Id": "abc" })).toBeUndefined();
  });

  it("reads Retry-After as delay-seconds or an HTTP-date", () => {
    expect(read({ "Retry-After": "3" })).toEqual({ retryAfterMs: 3000 });
    expect(read({ "Retry-After": "Tue, 14 Nov 2023 22:13:25 GMT" })).toEqual({
      retryAfterMs: 5000,
    });
  });

  // One header set and the facts read from it, a row each.
  it.each([
    [
      "the X-RateLimit-* family, case-insensitively",
      { "x-ratelimit-limit": "60", "X-RATELIMIT-REMAINING": "59", "X-RateLimit-Reset": "30" },
      { limit: 60, remaining: 59, resetMs: 30000 },
    ],
    [
      "the X-Rate-Limit-* spelling",
      { "X-Rate-Limit-Limit": "10", "X-Rate-Limit-Remaining": "0", "X-Rate-Limit-Reset": "1.5" },
      { limit: 10, remaining: 0, resetMs: 1500 },
    ],
    [
      "counts floored and milliseconds rounded",
      {
        "X-RateLimit-Limit": "99.9",
        "X-RateLimit-Remaining": "1.5",
        "X-RateLimit-Reset": "0.0004",
      },
      { limit: 99, remaining: 1, resetMs: 0 },
    ],
    [
      "a draft RateLimit-Reset never as an epoch",
      { "RateLimit-Reset": "1700000042" },
      { resetMs: 1700000042000 },
    ],
    [
      "the draft-07 combined RateLimit dictionary",
      { RateLimit: "limit=100, remaining=50, reset=30" },
      { limit: 100, remaining: 50, resetMs: 30000 },
    ],
  ])("reads %s", (_, headers, facts) => {
    expect(read(headers)).toEqual(facts);
  });

  it("reads an X- reset >= 1e9 as epoch seconds, and smaller ones as a delta", () => {
    expect(read({ "X-RateLimit-Reset": "1700000042" })).toEqual({ resetMs: 42000 });
    expect(read({ "X-RateLimit-Reset": "1700000000.25" })).toEqual({ resetMs: 250 });
    expect(read({ "X-RateLimit-Reset": "1600000000" })).toEqual({ resetMs: 0 });
    expect(read({ "X-RateLimit-Reset": "999999999" })).toEqual({ resetMs: 999999999000 });
  });

  it("reads the draft RateLimit-* fields, with a policy after the limit", () => {
    expect(
      read({
        "RateLimit-Limit": "100, 100;w=60",
        "RateLimit-Remaining": "7",
        "RateLimit-Reset": "12",
      }),
    ).toEqual({ limit: 100, remaining: 7, resetMs: 12000, windowMs: 60000 });
    expect(read({ "RateLimit-Limit": "100" })).toEqual({ limit: 100 });
    expect(read({ "RateLimit-Limit": "10, 100;w=60" })).toEqual({ limit: 10, windowMs: 60000 });
    expect(read({ "RateLimit-Limit": "10, 1000;w=3600, 10;w=1" })).toEqual({
      limit: 10,
      windowMs: 1000,
    });
  });

  it("reads draft-08+ RateLimit and RateLimit-Policy, first member only", () => {
    expect(
      read({
        RateLimit: '"default";r=50;t=30, "daily";r=900;t=3600',
        "RateLimit-Policy": '"default";q=100;w=60, "daily";q=1000;w=86400',
      }),
    ).toEqual({ limit: 100, remaining: 50, resetMs: 30000, windowMs: 60000 });
    expect(read({ RateLimit: '"a,b;r=1";r=2;t=3' })).toEqual({ remaining: 2, resetMs: 3000 });
    expect(read({ "RateLimit-Policy": "100;w=60" })).toEqual({ limit: 100, windowMs: 60000 });
  });

  it("lets the IETF headers win over the X- ones, field by field", () => {
    expect(
      read({
        "X-RateLimit-Limit": "1",
        "X-RateLimit-Remaining": "2",
        "X-RateLimit-Reset": "3",
        "X-Rate-Limit-Limit": "4",
        "RateLimit-Remaining": "20",
        RateLimit: '"default";t=30',
      }),
    ).toEqual({ limit: 1, remaining: 20, resetMs: 30000 });
    expect(read({ "X-Rate-Limit-Limit": "4", "RateLimit-Limit": "40" })).toEqual({ limit: 40 });
    expect(read({ "X-RateLimit-Limit": "1", "X-Rate-Limit-Limit": "4" })).toEqual({ limit: 1 });
  });

  it("ignores junk values and reports nothing when only junk is there", () => {
    for (const junk of ["-1", "NaN", "abc", "1e400", "", " ", "1e3", "0x10", "+5", "10abc"]) {
      expect(
        read({
          "Retry-After": junk,
          "X-RateLimit-Remaining": junk,
          "RateLimit-Reset": junk,
          RateLimit: `"default";r=${junk};t=${junk}`,
          "RateLimit-Policy": `"default";q=${junk};w=${junk}`,
        }),
        junk,
      ).toBeUndefined();
    }
    expect(read({ "X-RateLimit-Limit": "abc", "X-RateLimit-Remaining": "5" })).toEqual({
      remaining: 5,
    });
  });

  it("caps huge finite values and drops infinite ones", () => {
    expect(read({ "X-RateLimit-Limit": "9".repeat(30) })).toEqual({
      limit: Number.MAX_SAFE_INTEGER,
    });
    expect(read({ "RateLimit-Reset": "9".repeat(30) })).toEqual({
      resetMs: Number.MAX_SAFE_INTEGER,
    });
    expect(read({ "X-RateLimit-Limit": "9".repeat(400), "Retry-After": "9".repeat(400) })).toBe(
      undefined,
    );
  });

  it("leaves keys that were not found absent rather than undefined", () => {
    const result = read({ "X-RateLimit-Remaining": "3", "Retry-After": "1" });
    expect(Object.keys(result ?? {}).sort()).toEqual(["remaining", "retryAfterMs"]);
    expect(JSON.stringify(result)).toBe('{"remaining":3,"retryAfterMs":1000}');
  });

  it("stays sane on a hostile megabyte", () => {
    const digits = `${"1".repeat(1e6)}x`;
    expect(
      read({
        "Retry-After": digits,
        "X-RateLimit-Limit": digits,
        "X-RateLimit-Reset": "1".repeat(1e6),
        "RateLimit-Limit": ",".repeat(1e6),
        RateLimit: ";".repeat(1e6),
        "RateLimit-Policy": `"${"\\".repeat(1e6)}`,
        "X-RateLimit-Remaining": "4",
      }),
    ).toEqual({ remaining: 4 });
    // Only the first 32 list members and parameters count: real fields have a handful.
    expect(read({ "RateLimit-Limit": `10${", 5".repeat(40)}, 10;w=9` })).toEqual({ limit: 10 });
    expect(read({ RateLimit: `"default";r=5;t=6${";w=1".repeat(250_000)}` })).toEqual({
      remaining: 5,
      resetMs: 6000,
    });
  });
});
