import type { LatestMessages } from "@mybot/core";
import { describe, expect, it } from "vitest";
import { buttonsOf } from "../test/block-kit.ts";
import { decodeButtonValue } from "./button-value.ts";
import { pagingPages } from "./format-history.ts";
import { historyReply } from "./history-reply.ts";

const msg = { id: "1", timestamp: 1, sender: "user", type: "TEXT", text: "hi", raw: {} };
const at = (page: number, extra: Partial<LatestMessages> = {}) => ({
  page,
  count: 20,
  messages: [msg] as LatestMessages["messages"],
  hasOlder: true,
  totalMessages: undefined as number | undefined,
  ...extra,
});

describe("pagingPages", () => {
  it("pages one back and one forward from a page with messages", () => {
    expect(pagingPages(at(1))).toEqual({ older: 2 });
    expect(pagingPages(at(3))).toEqual({ older: 4, newer: 2 });
    expect(pagingPages(at(3, { hasOlder: false }))).toEqual({ newer: 2 });
  });

  it("from a typed page past the end, points Newer at the last page, or the newest", () => {
    const past = { messages: [], hasOlder: false };
    expect(pagingPages(at(9, { ...past, totalMessages: 45 }))).toEqual({ newer: 3 });
    expect(pagingPages(at(9, { ...past, totalMessages: 40 }))).toEqual({ newer: 2 });
    expect(pagingPages(at(9, { ...past }))).toEqual({ newer: 1 });
    expect(pagingPages(at(9, { ...past, totalMessages: 0 }))).toEqual({});
  });

  it("offers no Older past page 100,000, which no value can name", () => {
    expect(pagingPages(at(100_000))).toEqual({ newer: 99_999 });
    expect(pagingPages(at(99_999))).toEqual({ older: 100_000, newer: 99_998 });
  });
});

describe("historyReply's buttons", () => {
  const secret = "s";
  const reply = (latest: Partial<LatestMessages>) =>
    historyReply(
      {
        getLatestMessages: async () =>
          ({ endDate: 5, requests: 1, ...at(1), ...latest }) as LatestMessages,
      },
      secret,
      { channelUserId: "u", page: latest.page ?? 1, limit: 20, public: false, channelId: "C0X" },
      { mask: false, responseType: "ephemeral", command: "/mybot" },
      Date.UTC(2026, 0, 1),
    );
  const pages = async (r: Awaited<ReturnType<typeof reply>>) =>
    Promise.all(
      buttonsOf(r).map(async (b) => {
        const decoded = await decodeButtonValue(secret, b.value, Date.UTC(2026, 0, 1), "C0X");
        return "target" in decoded ? decoded.target.page : decoded.problem;
      }),
    );

  it("sign the pages pagingPages names, bound to the channel", async () => {
    expect(
      await pages(await reply({ page: 9, messages: [], hasOlder: false, totalMessages: 45 })),
    ).toEqual([3]);
    // At the furthest page: Newer only, not an Older value the decoder would call unreadable.
    expect(await pages(await reply({ page: 100_000 }))).toEqual([99_999]);
  });
});
