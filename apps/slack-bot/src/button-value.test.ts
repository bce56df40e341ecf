import { describe, expect, it } from "vitest";
import {
  decodeButtonValue,
  encodeButtonValue,
  type HistoryTarget,
  MAX_BUTTON_AGE_MS,
  MAX_BUTTON_ID_CHARS,
  MAX_BUTTON_VALUE_CHARS,
} from "./button-value.ts";
import { buttonProblemSentence } from "./error-sentence.ts";

const SECRET = "signing-secret-for-buttons";
const NOW = Date.UTC(2026, 7, 1, 15, 21, 14, 250);
const target: HistoryTarget = {
  channelUserId: "919812345678",
  since: Date.UTC(2026, 6, 1),
  until: NOW - 1234,
  page: 3,
  limit: 20,
  public: true,
  channelId: "C0SUPPORT",
};

describe("button values", () => {
  it("come back as the page they were made for, compact and versioned", async () => {
    const value = (await encodeButtonValue(SECRET, target, NOW)) as string;
    expect(value).toMatch(/^v2\.[\w-]{22}\./);
    expect(value.length).toBeLessThan(80);
    expect(await decodeButtonValue(SECRET, value, NOW + 60_000)).toEqual({ target });
    const unpinned = {
      channelUserId: "a|b|c",
      page: 1,
      limit: 20,
      public: false,
      channelId: "D0DM",
    };
    const again = await decodeButtonValue(
      SECRET,
      await encodeButtonValue(SECRET, unpinned, NOW),
      NOW,
    );
    expect(again).toEqual({ target: { ...unpinned, since: undefined, until: undefined } });
  });

  it("fit Slack's 2,000 characters with the longest id they carry, and are not made past it", async () => {
    const id = "x".repeat(MAX_BUTTON_ID_CHARS);
    const value = (await encodeButtonValue(
      SECRET,
      { ...target, channelUserId: id },
      NOW,
    )) as string;
    expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE_CHARS);
    expect((await decodeButtonValue(SECRET, value, NOW)) as object).toHaveProperty("target");
    expect(await encodeButtonValue(SECRET, { ...target, channelUserId: `${id}x` }, NOW)).toBe(
      undefined,
    );
  });

  it("refuse any change to what was signed, and another secret's", async () => {
    const value = (await encodeButtonValue(SECRET, target, NOW)) as string;
    for (const edited of [
      value.replace("|3|", "|4|"),
      value.replace("919812345678", "919812345679"),
      value.replace(/^v2\.(.)/, (_, c) => `v2.${c === "A" ? "B" : "A"}`),
      `${value}0`,
    ])
      expect(await decodeButtonValue(SECRET, edited, NOW)).toEqual({ problem: "tampered" });
    expect(await decodeButtonValue("rotated-secret", value, NOW)).toEqual({ problem: "tampered" });
  });

  it("call values too old, from the future or from another version stale", async () => {
    const value = (await encodeButtonValue(SECRET, target, NOW)) as string;
    expect(await decodeButtonValue(SECRET, value, NOW + MAX_BUTTON_AGE_MS + 1000)).toEqual({
      problem: "stale",
    });
    expect(await decodeButtonValue(SECRET, value, NOW - 10 * 60_000)).toEqual({ problem: "stale" });
    expect(await decodeButtonValue(SECRET, `v3.${value.slice(3)}`, NOW)).toEqual({
      problem: "stale",
    });
    // v1 values (before the channel was bound) are an earlier version's.
    expect(await decodeButtonValue(SECRET, `v1.${value.slice(3)}`, NOW)).toEqual({
      problem: "stale",
    });
  });

  it("call anything else unreadable, without throwing", async () => {
    for (const junk of [undefined, 42, {}, "", "hello", "v2.short", "x".repeat(2001), "v2."])
      expect(await decodeButtonValue(SECRET, junk, NOW)).toEqual({ problem: "unreadable" });
  });

  it("are bound to the channel whose command made them: pressed elsewhere, tampered", async () => {
    const bound = { ...target, channelId: "C0SUPPORT" };
    const value = (await encodeButtonValue(SECRET, bound, NOW)) as string;
    expect(value).toContain("|C0SUPPORT|");
    expect(await decodeButtonValue(SECRET, value, NOW, "C0SUPPORT")).toEqual({ target: bound });
    expect(await decodeButtonValue(SECRET, value, NOW, "C0OTHER")).toEqual({ problem: "tampered" });
    expect(await decodeButtonValue(SECRET, value, NOW, "")).toEqual({ problem: "tampered" });
    // Moving the value to another channel means changing what was signed.
    const moved = value.replace("|C0SUPPORT|", "|C0OTHER|");
    expect(await decodeButtonValue(SECRET, moved, NOW, "C0OTHER")).toEqual({ problem: "tampered" });
    // Only Slack-shaped channel ids are bound: anything else, or none, gets no button.
    expect(await encodeButtonValue(SECRET, { ...target, channelId: "C0|X" }, NOW)).toBe(undefined);
    expect(await encodeButtonValue(SECRET, { ...target, channelId: undefined }, NOW)).toBe(
      undefined,
    );
    expect(await encodeButtonValue(SECRET, { ...target, channelId: "" }, NOW)).toBe(undefined);
  });

  it("are refused with a sentence that says what to do", () => {
    for (const problem of ["stale", "tampered", "unreadable"] as const)
      expect(buttonProblemSentence(problem, "/mybot")).toMatch(/Run `\/mybot history …` again/);
  });
});
