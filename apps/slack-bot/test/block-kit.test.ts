import { describe, expect, it } from "vitest";
import { blockKitProblems } from "./block-kit.ts";

const mrkdwn = (text: string) => ({ type: "mrkdwn", text, verbatim: true });
const section = (text: string) => ({ type: "section", text: mrkdwn(text) });
const ok = (blocks: unknown[]) => ({ text: "t", blocks });

describe("the Block Kit validator the property tests rely on", () => {
  it("accepts a valid reply and the app's own links", () => {
    expect(blockKitProblems(ok([section("*a* &amp; <https://x.io/a|a &lt;b&gt;>")]))).toEqual([]);
  });
  it("flags each limit Slack enforces and each escape the app owes", () => {
    expect(blockKitProblems(ok([section("")]))).toEqual(["block 0: empty text"]);
    expect(blockKitProblems(ok([section("x".repeat(3001))]))).toEqual([
      "block 0: 3001 characters (max 3000)",
    ]);
    expect(blockKitProblems(ok(Array.from({ length: 51 }, () => section("x"))))).toEqual([
      "51 blocks (max 50)",
    ]);
    expect(
      blockKitProblems(ok([{ type: "context", elements: Array(11).fill(mrkdwn("x")) }])),
    ).toEqual(["block 0: 11 context elements"]);
    expect(blockKitProblems(ok([section("<!here>")]))).toEqual([
      "block 0: raw < or > outside the app's links",
    ]);
    expect(blockKitProblems(ok([section("a & b")]))).toEqual(["block 0: & not part of an entity"]);
    expect(blockKitProblems(ok([section("ab\uD83D…")]))).toEqual([
      "block 0: a surrogate pair cut in two",
    ]);
    expect(
      blockKitProblems(ok([{ type: "section", text: { type: "mrkdwn", text: "x" } }])),
    ).toEqual(["block 0: not verbatim"]);
    expect(blockKitProblems({ text: "", blocks: [] })).toEqual(["text: empty", "no blocks"]);
  });
  it("flags buttons Slack would refuse", () => {
    const button = (fields: Record<string, unknown>) => ({
      type: "button",
      action_id: "a",
      text: { type: "plain_text", text: "Older" },
      value: "v",
      ...fields,
    });
    const actions = (...elements: unknown[]) => ({ type: "actions", elements });
    expect(blockKitProblems(ok([actions(button({}))]))).toEqual([]);
    expect(blockKitProblems(ok([actions()]))).toEqual(["block 0: 0 actions elements"]);
    expect(blockKitProblems(ok([actions(button({ value: "x".repeat(2001) }))]))).toEqual([
      "block 0.0: value missing or over 2000 characters",
    ]);
    expect(
      blockKitProblems(
        ok([actions(button({ text: { type: "plain_text", text: "x".repeat(76) } }))]),
      ),
    ).toEqual(["block 0.0: button text too long"]);
    expect(
      blockKitProblems(ok([actions(button({ text: { type: "mrkdwn", text: "x" } }))])),
    ).toEqual(["block 0.0: button text not plain_text"]);
    expect(blockKitProblems(ok([actions(button({}), button({}))]))).toEqual([
      "action ids not unique",
    ]);
  });
});
