import { describe, expect, it } from "vitest";
import { backoffDelay, isRetryableStatus, parseRetryAfter, sleep } from "./retry.ts";

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter("0.5")).toBe(500);
  });
  it("reads an HTTP date relative to now", () => {
    const now = Date.parse("Wed, 21 Oct 2015 07:27:58 GMT");
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now)).toBe(2000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now)).toBe(0);
  });
  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("")).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter("-1")).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  it("doubles up to the cap", () => {
    const noJitter = { initialDelayMs: 500, maxDelayMs: 3000, random: () => 0 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, noJitter))).toEqual([
      500, 1000, 2000, 3000, 3000,
    ]);
  });
  it("jitters down by at most 25 %", () => {
    expect(backoffDelay(1, { initialDelayMs: 1000, maxDelayMs: 8000, random: () => 0.999 })).toBe(
      750,
    );
    const seen = new Set(
      Array.from({ length: 50 }, () => backoffDelay(2, { initialDelayMs: 1000, maxDelayMs: 8000 })),
    );
    expect(seen.size).toBeGreaterThan(1);
    for (const d of seen) expect(d).toBeGreaterThanOrEqual(1500);
  });
});

describe("isRetryableStatus", () => {
  it("retries 408, 429 and 5xx only", () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409].some(isRetryableStatus)).toBe(false);
  });
});

describe("sleep", () => {
  it("wakes early when aborted", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error("stop")), 10);
    await expect(sleep(5000, controller.signal)).rejects.toThrow("stop");
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
