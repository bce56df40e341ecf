import { describe, expect, it } from "vitest";
import { clip, MAX_LINK_CHARS, slackLink } from "./mrkdwn.ts";

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
