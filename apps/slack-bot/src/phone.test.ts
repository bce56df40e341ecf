import { describe, expect, it } from "vitest";
import { parseCommand } from "./command.ts";
import { normaliseUserId } from "./phone.ts";

describe("normaliseUserId", () => {
  it("reads a phone number written any common way as its digits", () => {
    for (const typed of [
      "+91 98123 45678",
      "+91-98123-45678",
      "+91.98123.45678",
      "+91 (981) 234-5678",
      "(+91) 98123 45678",
      "0091 98123 45678",
      "0091-98123-45678",
      "00919812345678",
      "91 98123 45678",
      "919812345678",
      " +919812345678 ",
    ])
      expect(normaliseUserId(typed), typed).toBe("919812345678");
  });

  it("keeps other ids exactly as typed: web ids, dashed numeric ids, short codes, too many digits", () => {
    for (const typed of [
      "web-visitor-42",
      "a1b2c3",
      "12345",
      "+1234567890123456",
      "ab 12 34",
      // `00` and 6 digits: a numeric id, not an international number.
      "00123456",
      // 8 digits in groups: an id such as an order or ticket number.
      "1234-5678",
      "2024-01-31",
      "12.34.56",
      "+91+98123",
      "0012345678901234567",
    ])
      expect(normaliseUserId(typed), typed).toBe(typed);
  });
});

describe("phone numbers in commands", () => {
  const NOW = Date.UTC(2026, 7, 8);
  it("normalises `history`'s id as `user`'s, words and all, before its options", () => {
    expect(parseCommand("history +91 98123 45678 since 7d limit 5", NOW)).toMatchObject({
      kind: "history",
      channelUserId: "919812345678",
      limit: 5,
    });
    expect(parseCommand("history (+91) 98123 45678", NOW)).toMatchObject({
      channelUserId: "919812345678",
    });
    expect(parseCommand("user (+91) 98123 45678 public", NOW)).toEqual({
      kind: "user",
      channelUserId: "919812345678",
      public: true,
    });
  });

  it("keeps a quoted id as typed, and refuses words that are not one number", () => {
    expect(parseCommand('history "+919812345678"', NOW)).toMatchObject({
      channelUserId: "+919812345678",
    });
    expect(parseCommand("history 1234-5678", NOW)).toMatchObject({ channelUserId: "1234-5678" });
    const split = parseCommand("history 1234 5678", NOW);
    expect(split.kind === "invalid" && split.message).toContain(
      "`1234 5678` is not one user id or phone number",
    );
  });
});
