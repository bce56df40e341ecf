import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectAsReference } from "../test/reference-property.ts";
import {
  clip,
  escapeCode,
  escapeMrkdwn,
  MAX_LINK_CHARS,
  oneLine,
  slackLink,
  wholeCode,
} from "./mrkdwn.ts";

describe("clip", () => {
  it("cuts with an ellipsis, never inside an escape or a surrogate pair", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip("a &amp; b", 5)).toBe("a …");
    expect(clip("ab&lt;cd", 5)).toBe("ab…");
    expect(clip("ab😀cd", 4)).toBe("ab…");
    expect(clip("x".repeat(50), 10)).toHaveLength(10);
  });
});

describe("slackLink", () => {
  it("links http(s) URLs only, with the URL's delimiters encoded and the label escaped", () => {
    expect(slackLink("https://f.example/a?b=1&c=<2>|3", "a|<b>.pdf")).toBe(
      "<https://f.example/a?b=1&amp;c=%3C2%3E%7C3|a¦&lt;b&gt;.pdf>",
    );
    expect(slackLink("javascript:alert(1)", "x")).toBeUndefined();
    expect(slackLink("https://f.example/a b", "x")).toBeUndefined();
    expect(slackLink(`https://f.example/${"a".repeat(MAX_LINK_CHARS)}`, "x")).toBeUndefined();
  });
});

describe("escapeMrkdwn and escapeCode", () => {
  it("turns formatting into look-alikes and breaks pings in prose", () => {
    expect(escapeMrkdwn("*bold* _it_ ~del~ `code` ```block```")).toBe(
      "∗bold∗ ˍitˍ ∼del∼ ˋcodeˋ ˋˋˋblockˋˋˋ",
    );
    expect(escapeMrkdwn("@channel @Here @everyone @asha")).toBe(
      "@\u2060channel @\u2060Here @\u2060everyone @asha",
    );
    expect(escapeMrkdwn("<!here> & <@U1>")).toBe("&lt;!here&gt; &amp; &lt;@U1&gt;");
  });
  it("keeps an id pasteable in a code span: only entities and the backtick change", () => {
    expect(escapeCode("web_1*~ <x>&`")).toBe("web_1*~ &lt;x&gt;&amp;ˋ");
  });
});

describe("wholeCode", () => {
  it("gives the code span whole or nothing, its budget counted escaped", () => {
    expect(wholeCode("a&b", 9)).toBe("`a&amp;b`");
    expect(wholeCode("a&b", 8)).toBeUndefined();
    // 3 characters, 13 escaped.
    expect(wholeCode("&<>", 14)).toBeUndefined();
    expect(wholeCode("&<>", 15)).toBe("`&amp;&lt;&gt;`");
    expect(wholeCode("a\nb", 10)).toBe("`a b`");
  });
});

describe("clip at the edges", () => {
  it("gives nothing for no room, and drops a half pair exposed by dropping a cut entity", () => {
    expect(clip("abc", 0)).toBe("");
    expect(clip("abc", 1)).toBe("…");
    expect(clip("x\uD83D&lt;yz", 5)).toBe("x…");
  });
});

describe("slackLink's URL", () => {
  it("is not rewritten by the prose escapes, and a backtick cannot open a code span", () => {
    expect(slackLink("https://f.example/a_b*c~d`e", "f")).toBe("<https://f.example/a_b*c~d%60e|f>");
  });
});

describe("oneLine", () => {
  it('is `replace(/\\s+/g, " ").trim()`, in native passes', () => {
    const piece = fc.constantFrom(
      " ",
      "  ",
      "\n",
      "\t",
      "\r\n",
      "\u00a0",
      "\u2009",
      "\u3000",
      "\ufeff",
      "a",
      "é",
    );
    expectAsReference(piece, 40, oneLine, (text) => text.replace(/\s+/g, " ").trim());
    for (let c = 0; c < 0x10000; c++) {
      const text = `a${String.fromCharCode(c)}b`;
      expect(oneLine(text), `U+${c.toString(16)}`).toBe(text.replace(/\s+/g, " ").trim());
    }
  });
});
