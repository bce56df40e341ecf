import { MyBotBadRequestError, type MyBotClient, type MyBotUser } from "@mybot/core";
import { describe, expect, it } from "vitest";
import { blockKitProblems, blockTexts, buttonsOf } from "../test/block-kit.ts";
import { formatUserCard } from "./format-card.ts";
import { QUIET_WINDOW_DAYS, readUserCard, WEEK_MS } from "./user-card.ts";

const NOW = Date.UTC(2026, 7, 8, 12);
const msg = (timestamp: number) => ({
  id: String(timestamp),
  timestamp,
  sender: "user",
  type: "TEXT",
  text: "hi",
  raw: {},
});
const asha: MyBotUser = {
  channelUserId: "919812345678",
  channel: "whatsapp",
  name: "Asha Rao",
  attributes: { phone: "+91 98123 45678", plan: "gold" },
} as MyBotUser;

/**
 * A MyBOT with `week` messages in the last 7 days (and `older` before, 30 days ago), recording
 * reads: `week` for the last 7 days, `quiet <count> <days>` for any other window.
 */
function mybot(
  week: number,
  options: { total?: boolean; older?: number; users?: MyBotUser[]; gone?: boolean } = {},
) {
  const calls: string[] = [];
  const client = {
    async getLatestMessages(_id: string, o: { count: number; startDate?: number }) {
      const isWeek = o.startDate === NOW - WEEK_MS;
      calls.push(
        isWeek
          ? `week ${o.count}`
          : `quiet ${o.count} ${o.startDate === undefined ? "all" : Math.round((NOW - o.startDate) / 86_400_000)}`,
      );
      if (options.gone)
        throw new MyBotBadRequestError({
          status: 400,
          code: 1002,
          message: "unknown",
        });
      const n = isWeek ? week : week + (options.older ?? 0);
      const shown = Math.min(n, o.count);
      const newest = !isWeek && week === 0 ? NOW - 30 * 86_400_000 : NOW - 60_000;
      return {
        messages: Array.from({ length: shown }, (_, i) => msg(newest - (shown - 1 - i) * 1000)),
        page: 1,
        count: o.count,
        endDate: NOW,
        hasOlder: n > o.count,
        totalMessages: options.total ? n : undefined,
        requests: 1,
      };
    },
    async getMatchingUsers(q: { attributeName: string; attributeValue: string }) {
      calls.push(`users ${q.attributeName}=${q.attributeValue}`);
      return options.users ?? [];
    },
  } as unknown as MyBotClient;
  return { client, calls };
}

describe("readUserCard", () => {
  it("reads the week and the attribute side by side: two requests", async () => {
    const { client, calls } = mybot(12, { users: [asha] });
    const facts = await readUserCard(client, "919812345678", { attribute: "phone", nowMs: NOW });
    expect(calls.sort()).toEqual(["users phone=919812345678", "week 100"]);
    expect(facts).toMatchObject({
      lastMessageAt: NOW - 60_000,
      week: { count: 12, more: false },
      user: asha,
      requests: 2,
    });
  });

  it("says 100+ past the count read, unless MyBOT gave the total", async () => {
    expect((await readUserCard(mybot(250).client, "u", { nowMs: NOW }))?.week).toEqual({
      count: 100,
      more: true,
    });
    expect(
      (await readUserCard(mybot(250, { total: true }).client, "u", { nowMs: NOW }))?.week,
    ).toEqual({ count: 250, more: false });
  });

  it("reads the newest of the last 90 days once more when the week was quiet", async () => {
    const { client, calls } = mybot(0, { older: 5 });
    const facts = await readUserCard(client, "u", { nowMs: NOW });
    // A page of 100 over a bounded window, never a page of 1 over the whole history.
    expect(calls).toEqual(["week 100", `quiet 100 ${QUIET_WINDOW_DAYS}`]);
    expect(facts?.lastMessageAt).toBe(NOW - 30 * 86_400_000);
    expect(facts?.week).toEqual({ count: 0, more: false });
    expect(NOW - (facts?.lastMessageAt as number)).toBeGreaterThan(WEEK_MS);
  });

  it("knows no user without history and without a match; a user MyBOT forgot is a match only", async () => {
    expect(await readUserCard(mybot(0).client, "u", { attribute: "phone", nowMs: NOW })).toBe(
      undefined,
    );
    expect(await readUserCard(mybot(0, { gone: true }).client, "u", { nowMs: NOW })).toBe(
      undefined,
    );
    const found = await readUserCard(
      mybot(0, { gone: true, users: [asha] }).client,
      "919812345678",
      { attribute: "phone", nowMs: NOW },
    );
    expect(found?.user).toBe(asha);
  });

  it("does not guess between several users the attribute matched", async () => {
    const other = { ...asha, channelUserId: "web-1" };
    const facts = await readUserCard(
      mybot(1, { users: [{ ...asha, channelUserId: "web-2" }, other] }).client,
      "919812345678",
      { attribute: "phone", nowMs: NOW },
    );
    expect(facts).toMatchObject({ user: undefined, matches: 2 });
  });
});

describe("formatUserCard", () => {
  it("says how far back it looked when a known user wrote nothing in the window", () => {
    const reply = formatUserCard(
      {
        channelUserId: "919812345678",
        quietDays: QUIET_WINDOW_DAYS,
        week: { count: 0, more: false },
        user: asha,
        matches: 1,
        requests: 3,
      },
      { attribute: "phone", transcript: "v2.value" },
      { mask: true, responseType: "ephemeral", command: "/mybot" },
    );
    expect(blockKitProblems(reply)).toEqual([]);
    const text = blockTexts(reply).join("\n");
    expect(text).toContain(
      "No messages in the last 90 days: `/mybot history` with the id reads older ones.",
    );
    expect(text).not.toContain("No chat history.");
  });

  const options = { mask: true, responseType: "ephemeral" as const, command: "/mybot" };
  it("shows who, masked, when they last wrote, the week's count and a Show transcript button", () => {
    const reply = formatUserCard(
      {
        channelUserId: "919812345678",
        lastMessageAt: NOW - 60_000,
        week: { count: 100, more: true },
        user: asha,
        matches: 1,
        requests: 2,
      },
      { attribute: "phone", transcript: "v1.value" },
      options,
    );
    expect(blockKitProblems(reply)).toEqual([]);
    const text = blockTexts(reply).join("\n");
    expect(text).toContain("*User `919812345678`*");
    expect(text).toContain("`919812345678` (whatsapp) — Asha Rao");
    expect(text).not.toContain("98123 45678");
    expect(text).toContain("Last message 2026-08-08 11:59 UTC · 100+ messages in the last 7 days");
    expect(buttonsOf(reply)).toEqual([
      { id: "mybot_transcript", text: "Show transcript", value: "v1.value" },
    ]);
  });

  it("says how to get names without the setting, and offers no transcript without history", () => {
    const reply = formatUserCard(
      { channelUserId: "u<!here>", week: { count: 0, more: false }, matches: 0, requests: 2 },
      { transcript: "v1.value" },
      options,
    );
    expect(blockKitProblems(reply)).toEqual([]);
    expect(blockTexts(reply).join("\n")).toContain("`SLACK_USER_CARD_ATTRIBUTE`");
    expect(blockTexts(reply).join("\n")).toContain("No chat history.");
    expect(reply.text).not.toContain("<!here>");
    expect(buttonsOf(reply)).toEqual([]);
  });
});
