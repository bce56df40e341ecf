import type { ChatHistoryPage, MyBotUser } from "@mybot/core";
import { describe, expect, it } from "vitest";
import {
  escapeMrkdwn,
  formatHistory,
  formatUsers,
  MAX_BLOCKS,
  MAX_SECTION_CHARS,
  maskPersonalData,
} from "./format.ts";

const options = { mask: false, responseType: "ephemeral" as const, command: "/mybot" };
const sections = (reply: { blocks?: unknown[] }) =>
  (reply.blocks ?? []).map(
    (b) =>
      (b as { text?: { text: string }; elements?: { text: string }[] }).text?.text ??
      (b as { elements: { text: string }[] }).elements?.[0]?.text ??
      "",
  );

function page(
  count: number,
  text = (i: number) => `message ${i}`,
  hasNextPage = false,
): ChatHistoryPage {
  return {
    channelUserId: "919812345678",
    messages: Array.from({ length: count }, (_, i) => ({
      id: `m${i}`,
      timestamp: Date.UTC(2024, 0, 1, 9, i),
      sender: i % 2 ? "bot" : "user",
      text: text(i),
    })),
    pagination: {
      pageNumber: 1,
      pageSize: count,
      totalMessages: count * 3,
      totalPages: 3,
      hasNextPage,
    },
  };
}

describe("escaping and masking", () => {
  it("escapes &, < and > so chat text cannot ping or link", () => {
    expect(escapeMrkdwn("<!channel> <https://evil.example|click> & <@U123>")).toBe(
      "&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; &lt;@U123&gt;",
    );
    const reply = formatHistory(
      page(1, () => "<!everyone> pay here <http://x.io|now>"),
      options,
      "history 919812345678",
    );
    expect(JSON.stringify(reply)).not.toContain("<!everyone>");
    expect(sections(reply).join("\n")).toContain("&lt;!everyone&gt;");
  });
  it("masks emails and phone numbers when asked", () => {
    expect(maskPersonalData("mail asha.rao@example.com or call +91 98123 45678")).toBe(
      "mail a•••@example.com or call •••678",
    );
    const users: MyBotUser[] = [
      {
        channelUserId: "919812345678",
        channel: "whatsapp",
        name: "Asha",
        attributes: { email: "asha@example.com" },
      },
    ];
    const masked = JSON.stringify(formatUsers(users, "plan", "gold", { ...options, mask: true }));
    expect(masked).not.toContain("asha@example.com");
    expect(masked).not.toContain("919812345678");
  });
});

describe("Slack's limits", () => {
  it("keeps the user list within 50 blocks and says how many were left out", () => {
    const users: MyBotUser[] = Array.from({ length: 120 }, (_, i) => ({
      channelUserId: `u${i}`,
      channel: "web",
      name: null,
      attributes: { plan: "gold" },
    }));
    const reply = formatUsers(users, "plan", "gold", options);
    expect(reply.blocks?.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(sections(reply).at(-1)).toContain("72 more not shown");
  });

  it("packs a transcript into sections of at most 3000 characters and at most 50 blocks", () => {
    const reply = formatHistory(
      page(100, (i) => `${"x".repeat(2500)} ${i}`, true),
      options,
      "history 919812345678 limit 100",
    );
    expect(reply.blocks?.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const text of sections(reply)) expect(text.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
    const footer = sections(reply).at(-1) ?? "";
    expect(footer).toMatch(/\d+ messages of this page did not fit/);
    expect(footer).toContain("`/mybot history 919812345678 limit 100 page 2`");
  });

  it("shows who said what, when, in UTC", () => {
    const text = sections(formatHistory(page(2), options, "history 919812345678")).join("\n");
    expect(text).toContain("*user* · 2024-01-01 09:00 UTC\nmessage 0");
    expect(text).toContain("*bot* · 2024-01-01 09:01 UTC\nmessage 1");
  });
});
