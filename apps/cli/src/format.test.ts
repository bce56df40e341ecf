import type { ChatMessage, MyBotUser } from "@mybot/core";
import { describe, expect, it } from "vitest";
import { csvField, formatUsers } from "./format.ts";
import { written } from "./test-helpers.ts";

const user = (over: Partial<MyBotUser>): MyBotUser =>
  ({
    channelUserId: "919812345678",
    channel: "web",
    name: "Asha",
    attributes: {},
    ...over,
  }) as MyBotUser;
const message = (over: Partial<ChatMessage>): ChatMessage => ({
  id: "fp-0000000000000000",
  timestamp: 1_785_597_674_250,
  sender: "user",
  type: "TEXT",
  text: "hi",
  raw: {},
  ...over,
});

describe("csvField: CSV injection", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", `"'\r=1"`],
    // Documented: every cell, numbers too; `-5` is shown as text.
    [-5, "'-5"],
    ["a=1", "a=1"],
    ["'=1", "'=1"],
    ["", ""],
  ])("%j is written %j", (value, cell) => {
    expect(csvField(value)).toBe(cell);
  });

  it("guards every cell of users: ids, names, attribute names and values", () => {
    const csv = formatUsers(
      [
        user({
          channelUserId: "+919812345678",
          name: "=cmd|' /C calc'!A0",
          attributes: { "@k": "-1" },
        }),
      ],
      "csv",
    ).split("\n");
    expect(csv[0]).toBe("channelUserId,channel,name,'@k");
    expect(csv[1]).toBe("'+919812345678,web,'=cmd|' /C calc'!A0,'-1");
  });

  it("leaves a cell empty for a user without an attribute, whatever its name", () => {
    const csv = formatUsers(
      [user({ attributes: { valueOf: "1", constructor: "2" } }), user({ channelUserId: "2" })],
      "csv",
    ).split("\n");
    expect(csv[0]).toBe("channelUserId,channel,name,constructor,valueOf");
    expect(csv[2]).toBe("2,web,Asha,,");
  });

  it("guards message text, sender and type in history", () => {
    const csv = written("csv", [
      message({ text: "=1+1", sender: "@bot" as ChatMessage["sender"] }),
    ]);
    expect(csv.split("\n")[1]).toBe(
      "fp-0000000000000000,1785597674250,2026-08-01T15:21:14.250Z,'@bot,TEXT,'=1+1,",
    );
  });
});

describe("table output on a terminal", () => {
  const hostile = "Asha\u001b]0;owned\u0007\u001b[2J\u009b31m\u202eevil\u0000\r\n\tend\u007f";

  it("users: every control character shown as an escape, none sent", () => {
    const table = formatUsers([user({ name: hostile, attributes: { note: hostile } })], "table");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must not appear.
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(table).toContain("Asha\\x1B]0;owned\\x07\\x1B[2J\\x9B31m\\u202Eevil");
    expect(table.split("\n")).toHaveLength(2);
  });

  it("history: sender, text and file URL shown as escapes", () => {
    const out = written("table", [
      message({ text: hostile, sender: "\u001b[31muser" as ChatMessage["sender"] }),
      message({ type: "FILE_RECEIVED", file: { name: "a.pdf", url: "https://x/\u001b[8m" } }),
    ]);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must not appear.
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(out).toContain("\\x1B[31muser");
    expect(out).toContain("<https://x/\\x1B[8m>");
  });

  it("a long cell is cut with an ellipsis, and a 200,000-user column does not overflow the stack", () => {
    const many = Array.from({ length: 200_000 }, (_, i) => user({ channelUserId: String(i) }));
    const table = formatUsers([user({ name: "x".repeat(100) }), ...many], "table");
    expect(table.split("\n")[1]).toContain(`${"x".repeat(59)}…`);
  });
});

describe("JSON and NDJSON", () => {
  it("escape DEL, C1 and bidi controls (JSON.stringify leaves them), keeping the same value", () => {
    const text = "a\u007f\u009b31m\u202eb\u2028";
    const ndjson = written("ndjson", [message({ text })]);
    expect(ndjson).toContain("a\\u007F\\u009B31m\\u202Eb\\u2028");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must not appear.
    expect(ndjson).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(JSON.parse(ndjson).text).toBe(text);
    const users = formatUsers([user({ name: text })], "ndjson");
    expect(JSON.parse(users).name).toBe(text);
    expect(users).not.toContain("\u009b");
    expect(JSON.parse(formatUsers([user({ name: text })], "json"))[0].name).toBe(text);
  });
});
