import { describe, expect, it } from "vitest";
import { scrubKey } from "./scrub-key.ts";

describe("scrubKey", () => {
  it("hides the percent-encoded form, the one a URL or the core's errors carry", () => {
    const key = "abc/def+ghi=";
    expect(scrubKey(`GET https://x/?k=${encodeURIComponent(key)} failed`, [key])).toBe(
      "GET https://x/?k=<redacted> failed",
    );
  });

  it("replaces any secret left in the doctor's JSON text, and leaves short ones", () => {
    expect(scrubKey('{"a":"x-919812345678","b":"abc"}', ["919812345678", "abc"])).toBe(
      '{"a":"x-<redacted>","b":"abc"}',
    );
  });
});
