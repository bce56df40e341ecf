import { describe, expect, it } from "vitest";
import { normaliseUserId } from "./phone.ts";

describe("normaliseUserId", () => {
  it("reads a phone number written any common way as its digits", () => {
    for (const typed of [
      "+91 98123 45678",
      "+91-98123-45678",
      "+91.98123.45678",
      "+91 (981) 234-5678",
      "0091 98123 45678",
      "919812345678",
      " +919812345678 ",
    ])
      expect(normaliseUserId(typed), typed).toBe("919812345678");
  });

  it("keeps other ids as typed: web ids, short codes, too many digits", () => {
    for (const typed of ["web-visitor-42", "a1b2c3", "12345", "+1234567890123456", "ab 12 34"])
      expect(normaliseUserId(typed)).toBe(typed);
  });
});
