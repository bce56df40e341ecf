import { describe, expect, it } from "vitest";
import { redactKeyPath, redactValue } from "./redact-sample.ts";

describe("redactValue", () => {
  it("keeps keys and structure, and replaces each value by a placeholder of its kind", () => {
    expect(
      redactValue({
        conversations: [
          {
            timestamp: "2026-08-01 20:51:14.250+0530",
            sender: "bot",
            response: "Hello Asha, your order 1234 ships today",
            message_type: "TEXT",
            file: null,
            attachments: null,
            user_id: "6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71",
            seen: false,
            score: 4.5,
            agentId: 123,
          },
        ],
      }),
    ).toEqual({
      conversations: [
        {
          timestamp: "<timestamp YYYY-MM-DD HH:mm:ss.SSS+HHMM>",
          sender: "bot",
          response: "<string>",
          message_type: "TEXT",
          file: null,
          attachments: null,
          user_id: "<uuid>",
          seen: true,
          score: 0.5,
          agentId: 0,
        },
      ],
    });
  });

  it.each([
    ["https://files.example.org/a.pdf", "<url>"],
    ["asha@example.com", "<email>"],
    ["+91 98123 45678", "<digits>"],
    ["919812345678", "<digits>"],
    [
      "User uploaded a.pdf - [application/pdf]",
      "<upload sentence: User uploaded <file name> - [<mime type>]>",
    ],
    ["<strong>Ravi Rao</strong> joined", "<html>"],
    ["[⭐, ⭐⭐]", "<bracketed list>"],
    [
      '{"agentId":7,"PARTICIPATION_MESSAGE":"<b>Ravi</b> joined"}',
      '<json {"agentId":0,"PARTICIPATION_MESSAGE":"<html>"}>',
    ],
    ["", ""],
  ])("%j becomes %j", (value, placeholder) => {
    expect(redactValue(value)).toBe(placeholder);
  });

  it("keeps enumeration values only in their own fields and only in their form", () => {
    expect(
      redactValue({
        sender: "Ravi Rao",
        message_type: "FILE_RECEIVED",
        mimeType: "image/png",
        channel: "whatsapp",
        name: "bot",
        errorMessage: "Something went wrong for 919812345678",
      }),
    ).toEqual({
      sender: "<string>",
      message_type: "FILE_RECEIVED",
      mimeType: "image/png",
      channel: "whatsapp",
      name: "<string>",
      errorMessage: "<string>",
    });
  });

  it("hides keys that are data, and keeps one of each distinct item of a list", () => {
    expect(
      redactValue({ "919812345678": { "asha@example.com": 1 }, list: ["a", "b", 1, 2] }),
    ).toEqual({
      "<key 1>": { "<key 1>": 0 },
      list: ["<string>", 0],
    });
  });
});

describe("redactKeyPath", () => {
  it("hides the segments of a path that are data, keeps field names", () => {
    expect(redactKeyPath("reactions.919812345678.count")).toBe("reactions.<key>.count");
    expect(redactKeyPath("by.+919812345678.at")).toBe("by.<key>.at");
    expect(redactKeyPath("file.mimeType")).toBe("file.mimeType");
    expect(redactKeyPath("data.6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71[]")).toBe("data.<key>");
  });
});

describe("redactValue on hostile text", () => {
  // Each of these made a backtracking regex take quadratic time: 0.25 to 0.6 s at 20,000
  // repetitions, so minutes at this size, past vitest's 60 s limit; the scans that replace them
  // are linear (milliseconds). The speed goal itself is printed by `pnpm bench`.
  const n = 400_000;
  it.each([
    ["an address whose domain never ends", `a@${"x.".repeat(n)} `],
    ["an address with a second @ at the end", `a@${"x.".repeat(n)}@`],
    ["an upload sentence that never closes", `User uploaded ${" - [x".repeat(n)}`],
    ["tags that never close", "<a".repeat(n)],
  ])("%s is a <string>", (_, value) => {
    expect(redactValue(value)).toBe("<string>");
  });

  it.each([
    ["a@b.c", "<email>"],
    ["a@b.c.d", "<email>"],
    ["a@b..c", "<email>"],
    ["a@b.", "<string>"],
    ["a@.b", "<string>"],
    ["@b.c", "<string>"],
    ["a@b@c.d", "<string>"],
    ["a b@c.d", "<string>"],
    ["User uploaded a - [b] - [c]", "<upload sentence: User uploaded <file name> - [<mime type>]>"],
    ["User uploaded  - [x]", "<string>"],
    ["User uploaded a - [b]c]", "<string>"],
    ["<b>x", "<html>"],
    ["x <a<b> y", "<html>"],
    ["a < b > c", "<string>"],
    ["<1a>", "<string>"],
  ])("%j is still %j", (value, placeholder) => {
    expect(redactValue(value)).toBe(placeholder);
  });
});
