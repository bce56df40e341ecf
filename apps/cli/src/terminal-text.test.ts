import { describe, expect, it } from "vitest";
import { jsonForTerminal, safeCell, safeForTerminal } from "./terminal-text.ts";

describe("safeForTerminal", () => {
  it("shows every C0 control but newline and tab, DEL, C1 and bidi controls as escapes", () => {
    expect(safeForTerminal("a\u001b[31mb\u0007\r\n\tc\u0000\u007f\u0085\u009b\u202e\u2066d")).toBe(
      "a\\x1B[31mb\\x07\\x0D\n\tc\\x00\\x7F\\x85\\x9B\\u202E\\u2066d",
    );
  });

  it("leaves other text as it is, emoji and accents included", () => {
    expect(safeForTerminal("Asha Rāo ⭐ 👍🏽 — ok")).toBe("Asha Rāo ⭐ 👍🏽 — ok");
  });
});

describe("safeCell", () => {
  it("also shows newline and tab, so that a cell stays on its row", () => {
    expect(safeCell("a\nb\tc\r")).toBe("a\\x0Ab\\x09c\\x0D");
  });
});

describe("jsonForTerminal", () => {
  it("escapes what JSON.stringify leaves raw, into the same JSON value", () => {
    const value = { t: "\u007f\u0080\u009f\u2028\u2029\u202a\u2069x" };
    const json = jsonForTerminal(JSON.stringify(value));
    expect(json).toBe('{"t":"\\u007F\\u0080\\u009F\\u2028\\u2029\\u202A\\u2069x"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
