import type { ChatMessage, LatestMessages, MyBotUser } from "@mybot/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "./command.ts";
import { formatHistory, formatUsers, MAX_BLOCKS, MAX_SECTION_CHARS } from "./format.ts";
import { maskPersonalData } from "./mask.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";

const options = { mask: false, responseType: "ephemeral" as const, command: "/mybot" };
const query = { channelUserId: "919812345678" };
const ENDED = Date.UTC(2024, 0, 1, 12, 0, 0, 250);
/** What Slack shows for a code span's entities: the text an agent copies. */
const copied = (text: string) =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
const sections = (reply: { blocks?: unknown[] }) =>
  (reply.blocks ?? []).map(
    (b) =>
      (b as { text?: { text: string }; elements?: { text: string }[] }).text?.text ??
      (b as { elements: { text: string }[] }).elements?.[0]?.text ??
      "",
  );

const message = (i: number, fields: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${i}`,
  timestamp: Date.UTC(2024, 0, 1, 9, i),
  sender: i % 2 ? "bot" : "user",
  type: "TEXT",
  text: `message ${i}`,
  raw: {},
  ...fields,
});

function latest(
  count: number,
  text = (i: number) => `message ${i}`,
  more: Partial<LatestMessages> = {},
): LatestMessages {
  return {
    messages: Array.from({ length: count }, (_, i) => message(i, { text: text(i) })),
    page: 1,
    count,
    endDate: ENDED,
    hasOlder: false,
    requests: 1,
    ...more,
  };
}

/** The reply for a transcript page of exactly `messages`. */
const historyOf = (messages: ChatMessage[], opts = options) =>
  formatHistory({ ...latest(0), messages }, query, opts);
/** That reply's sections, joined: the transcript as a reader sees it. */
const transcript = (messages: ChatMessage[], opts = options) =>
  sections(historyOf(messages, opts)).join("\n");

/** The paging footer of page 2 of a one-message history, for a user id a test chooses. */
const pagedFooter = (channelUserId: string) =>
  sections(
    formatHistory(latest(1, undefined, { page: 2, hasOlder: true }), { channelUserId }, options),
  ).at(-1) ?? "";

describe("escaping and masking", () => {
  it("escapes &, < and > so chat text cannot ping or link", () => {
    expect(escapeMrkdwn("<!channel> <https://evil.example|click> & <@U123>")).toBe(
      "&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; &lt;@U123&gt;",
    );
    const reply = formatHistory(
      latest(1, () => "<!everyone> pay here <http://x.io|now>"),
      query,
      options,
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
    expect(masked).toContain("a•••@example.com");
  });
  it("shows each user's id whole, to paste into history, and masks the email and phone attributes instead", () => {
    const users: MyBotUser[] = [
      {
        channelUserId: "919812345678",
        channel: "whatsapp",
        name: "Asha",
        // Values the text patterns miss: the attribute's name says what they are.
        attributes: { email: "asha@localhost", phone: "24680", plan: "gold" },
      },
      { channelUserId: "web user 7", channel: "web", name: null, attributes: {} },
    ];
    const text = sections(formatUsers(users, "plan", "gold", { ...options, mask: true })).join(
      "\n",
    );
    expect(text).toContain(
      "`919812345678` (whatsapp) — Asha\nemail: a•••@localhost · phone: •••680 · plan: gold",
    );
    expect(text).not.toContain("asha@");
    expect(text).not.toContain("24680");
    // Quoted as `history` reads it back.
    expect(text).toContain('`"web user 7"` (web)');
    expect(parseCommand('history "web user 7"', Date.now())).toMatchObject({
      channelUserId: "web user 7",
    });
  });
  it("neutralises formatting, pings and links in every field, and lets Slack parse nothing itself", () => {
    const users: MyBotUser[] = [
      {
        channelUserId: "u`1",
        channel: "*web*",
        name: "_Asha_ @channel",
        attributes: { "~k~": "`v` <!here>" },
      },
    ];
    const reply = formatUsers(users, "*plan*", "@here", { ...options, responseType: "in_channel" });
    const [title, user] = sections(reply);
    expect(title).toBe("*1 user with ∗plan∗=@\u2060here*");
    expect(reply.text).toBe("1 user with ∗plan∗=@\u2060here");
    expect(user).toBe("`uˋ1` (∗web∗) — ˍAshaˍ @\u2060channel\n∼k∼: ˋvˋ &lt;!here&gt;");
    const history = historyOf([
      message(0, { sender: "*boss*", text: "~no~ _way_ `code` @everyone" }),
      message(1, {
        type: "FILE_RECEIVED",
        text: "",
        file: { url: "https://f.example/a_b`c", name: "*x*.pdf", mimeType: "_t_" },
      }),
    ]);
    const text = sections(history).join("\n");
    expect(text).toContain("*∗boss∗* · 2024-01-01 09:00 UTC\n∼no∼ ˍwayˍ ˋcodeˋ @\u2060everyone");
    expect(text).toContain(":paperclip: <https://f.example/a_b%60c|∗x∗.pdf> · ˍtˍ");
    for (const block of [...(history.blocks ?? []), ...(reply.blocks ?? [])])
      expect((block as { text: { verbatim?: boolean } }).text.verbatim).toBe(true);
  });
  it("quotes a hostile id in the paging footer without breaking it", () => {
    const footer = pagedFooter("a`b <!here>");
    expect(footer).toContain('Older: `/mybot history "aˋb &lt;!here&gt;" until');
    expect((footer.match(/`/g) ?? []).length % 2).toBe(0);
    // Too long to quote: both hints still there, each a sentence.
    const long = pagedFooter("9".repeat(5000));
    expect(long).toMatch(
      /^Older: the same command with `until \S+ page 3 limit 1` \(the user id is too long to repeat\)$/m,
    );
    expect(long).toMatch(
      /^Newer: the same command with `until \S+ limit 1` \(the user id is too long to repeat\)$/m,
    );
  });
  it("masks the queried value in the users title as the rows mask it", () => {
    const title = (name: string, value: string, mask: boolean) =>
      formatUsers([], name, value, { ...options, mask }).text;
    // The text patterns miss these: the attribute's name says what they are.
    expect(title("email", "asha@localhost", true)).toBe("0 users with email=a•••@localhost");
    expect(title("phone", "12345", true)).toBe("0 users with phone=•••345");
    expect(title("email", "asha@localhost", false)).toBe("0 users with email=asha@localhost");
  });
  it("offers a paging command only when it fits whole once escaped, never a cut one", () => {
    // 250 characters, 1,250 once escaped: over the hint's budget.
    for (const id of ["&".repeat(250), "<>".repeat(125)]) {
      const text = pagedFooter(id);
      expect(text).not.toContain("…");
      expect(text).toMatch(
        /^Older: the same command with `until \S+ page 3 limit 1` \(the user id is too long to repeat\)$/m,
      );
    }
    // Short enough escaped: offered whole, and it reads back as the same id.
    const id = "&<>".repeat(50);
    const command = /Older: `\/mybot ([^`]+)`/.exec(pagedFooter(id))?.[1] ?? "";
    expect(parseCommand(copied(command), Date.now())).toMatchObject({
      channelUserId: id,
      page: 3,
    });
  });
  it("shows each user's id whole or says it is too long, never a silently cut one", () => {
    const row = (channelUserId: string) =>
      sections(
        formatUsers(
          [{ channelUserId, channel: "web", name: null, attributes: {} }],
          "plan",
          "gold",
          options,
        ),
      )[1] ?? "";
    for (const id of ["&".repeat(60), "9".repeat(300)]) {
      const text = row(id);
      expect(text).toMatch(/^`[^`]*…` \(the id is too long to show whole\) \(web\)$/);
      expect(text).not.toContain(id);
    }
    // 250 characters once escaped: whole, and `history` reads it back.
    const id = "&".repeat(50);
    const shown = /^`([^`]+)`/.exec(row(id))?.[1] ?? "";
    expect(parseCommand(`history ${copied(shown)}`, Date.now())).toMatchObject({
      channelUserId: id,
    });
  });
  it("escapes a hostile sender too", () => {
    const reply = historyOf([message(0, { sender: "<!here>" })]);
    expect(JSON.stringify(reply)).not.toContain("<!here>");
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

  it("packs a transcript into sections of at most 3000 characters and at most 50 blocks, keeping the newest", () => {
    const reply = formatHistory(
      latest(100, (i) => `${"x".repeat(2500)} ${i}`, { hasOlder: true }),
      query,
      options,
    );
    expect(reply.blocks?.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const text of sections(reply)) expect(text.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
    const footer = sections(reply).at(-1) ?? "";
    expect(footer).toMatch(/\d+ messages of this page did not fit/);
    expect(footer).toContain(
      "`/mybot history 919812345678 until 2024-01-01T12:00:00.250Z page 2 limit 100`",
    );
    // The oldest are left out: the newest, 99, is the last one shown.
    const shown = sections(reply).slice(1, -1).join("\n");
    expect(shown).toMatch(/x 99\n$/);
    expect(shown).not.toContain("x 0\n");
  });

  it("answers with valid Block Kit whatever the messages hold", () => {
    const hostile = fc.string({ unit: "binary", maxLength: 4000 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sender: hostile,
            text: hostile,
            type: fc.constantFrom("TEXT", "OPTIONS", "AGENT_PARTICIPATION_STATUS", "FILE_RECEIVED"),
            options: fc.array(hostile, { maxLength: 30 }),
            url: fc.oneof(hostile, fc.webUrl()),
          }),
          { maxLength: 60 },
        ),
        fc.boolean(),
        (specs, mask) => {
          const messages = specs.map((s, i) =>
            message(i, {
              sender: s.sender,
              text: s.text,
              type: s.type,
              options: s.type === "OPTIONS" ? s.options : undefined,
              file: s.type === "FILE_RECEIVED" ? { url: s.url, name: s.text } : undefined,
            }),
          );
          const reply = formatHistory(
            { ...latest(0, undefined, { hasOlder: true, page: 2 }), messages },
            query,
            { ...options, mask },
          );
          expect(reply.blocks?.length).toBeLessThanOrEqual(MAX_BLOCKS);
          for (const text of sections(reply)) {
            expect(text.length).toBeGreaterThan(0);
            expect(text.length).toBeLessThanOrEqual(MAX_SECTION_CHARS);
            // The only `<` are the links the app made itself.
            expect(text.replace(/<https?:\/\/[^\s<>|]+\|[^<>|]*>/gi, "")).not.toMatch(/[<>]/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the transcript", () => {
  it("shows who said what, when, in UTC, oldest first", () => {
    const text = sections(formatHistory(latest(2), query, options)).join("\n");
    expect(text).toContain("*user* · 2024-01-01 09:00 UTC\nmessage 0");
    expect(text).toContain("*bot* · 2024-01-01 09:01 UTC\nmessage 1");
    expect(text.indexOf("message 0")).toBeLessThan(text.indexOf("message 1"));
  });

  it("titles the newest page, an older page and an empty one", () => {
    expect(formatHistory(latest(2, undefined, { totalMessages: 2 }), query, options).text).toBe(
      "Chat history of 919812345678: all 2 messages",
    );
    expect(formatHistory(latest(1), query, options).text).toBe(
      "Chat history of 919812345678: 1 message",
    );
    expect(
      formatHistory(latest(20, undefined, { hasOlder: true, totalMessages: 45 }), query, options)
        .text,
    ).toBe("Chat history of 919812345678: the latest 20 messages of 45");
    expect(formatHistory(latest(20, undefined, { hasOlder: true }), query, options).text).toBe(
      "Chat history of 919812345678: the latest 20 messages",
    );
    expect(
      formatHistory(latest(20, undefined, { page: 3, totalMessages: 95 }), query, options).text,
    ).toBe("Chat history of 919812345678: page 3 back from the latest, 20 messages of 95");
    expect(formatHistory(latest(0, undefined, { page: 9 }), query, options).text).toBe(
      "No messages for 919812345678 on page 9 back from the latest",
    );
  });

  it("points to the older and newer pages with the window pinned to the millisecond", () => {
    const since = Date.UTC(2023, 11, 25, 0, 0, 0, 1);
    const reply = formatHistory(
      latest(20, undefined, { page: 2, hasOlder: true }),
      { ...query, since },
      options,
    );
    const footer = sections(reply).at(-1) ?? "";
    const commands = [...footer.matchAll(/`\/mybot ([^`]+)`/g)].map((m) => m[1] as string);
    expect(footer).toMatch(/^Older: `/);
    expect(footer).toContain("\nNewer: `");
    const [older, newer] = commands.map((c) => parseCommand(c, Date.now()));
    expect(older).toEqual({
      kind: "history",
      channelUserId: "919812345678",
      since,
      until: ENDED,
      page: 3,
      limit: 20,
      public: false,
    });
    expect(newer).toMatchObject({ since, until: ENDED, page: 1 });
  });

  it("shows an agent joining as one short line, with who and when", () => {
    const text = transcript([
      message(0, {
        sender: "agent",
        type: "AGENT_PARTICIPATION_STATUS",
        text: "Ravi Rao joined the conversation",
      }),
    ]);
    expect(text).toContain("*agent* · 2024-01-01 09:00 UTC · _Ravi Rao joined the conversation_\n");
  });

  it("lists the choices of an OPTIONS message", () => {
    const text = transcript([
      message(1, {
        type: "OPTIONS",
        text: "[⭐, ⭐⭐, <b>]",
        options: ["⭐", "⭐⭐", "<b>"],
      }),
    ]);
    expect(text).toContain(
      "*bot* · 2024-01-01 09:01 UTC\nChoices:\n•  ⭐\n•  ⭐⭐\n•  &lt;b&gt;\n",
    );
  });

  it("shows a file as a link with its name and type, escaped, and no link it cannot trust", () => {
    const file = (url: string, name = "invoice <1>|final.pdf") =>
      historyOf(
        [
          message(0, {
            type: "FILE_RECEIVED",
            text: name,
            file: { url, name, mimeType: "application/pdf", uploadType: "FILE" },
          }),
        ],
        { ...options, mask: true },
      );
    const text = sections(file("https://files.example/a?x=1&y=<2>|z")).join("\n");
    expect(text).toContain(
      "*user* · 2024-01-01 09:00 UTC\n:paperclip: <https://files.example/a?x=1&amp;y=%3C2%3E%7Cz|invoice &lt;1&gt;¦final.pdf> · application/pdf\n",
    );
    expect(sections(file("javascript:alert(1)")).join("\n")).toContain(
      ":paperclip: invoice &lt;1&gt;|final.pdf (link not shown) · application/pdf",
    );
    // A URL holding a phone number is not shown when personal data is masked.
    expect(JSON.stringify(file("https://files.example/919812345678/a.pdf", "a.pdf"))).not.toContain(
      "919812345678/",
    );
  });

  it("says so when a message has no text", () => {
    const text = transcript([message(0, { text: "", type: "VIDEO" })]);
    expect(text).toContain("*user* · 2024-01-01 09:00 UTC\n_(no text; VIDEO)_");
  });
});
