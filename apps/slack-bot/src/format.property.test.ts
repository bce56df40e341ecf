/**
 * Every formatter against hostile input, 10,000 runs each: the reply is valid Block Kit
 * (test/block-kit.ts) and nothing from the data is markup (a link, an entity, a ping, `*_~`
 * formatting, a backtick ending a code span); only the layout's own markers remain.
 */
import type { ChatMessage, LatestMessages, MyBotUser } from "@mybot/core";
import * as core from "@mybot/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockKitProblems, blockTexts, buttonsOf, OWN_LINK } from "../test/block-kit.ts";
import { parseCommand } from "./command.ts";
import { errorSentence } from "./error-sentence.ts";
import { formatHistory, formatText, formatUsers } from "./format.ts";
import { formatUserCard } from "./format-card.ts";

const RUNS = { numRuns: 10_000 };

/** Pieces a hostile writer reaches for; joined, they make most of the strings. */
const PIECES = [
  "<",
  ">",
  "&",
  "&amp;",
  "&lt",
  "*",
  "_",
  "~",
  "`",
  "```",
  "|",
  "@channel",
  "@here",
  "@everyone",
  "<!here>",
  "<!channel>",
  "<@U123>",
  "<https://evil.example|click>",
  "@",
  ".",
  "a",
  "Z",
  "1",
  "9",
  " ",
  "\n",
  "\t",
  "😀",
  "\uD83D",
  "\uDE00",
  "asha.rao@example.com",
  "+91 98123 45678",
  ":paperclip:",
  "\\",
  '"',
];
const small = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join("")),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);
/** Now and then far past every limit: the same hostile piece thousands of times. */
const hostile = fc.oneof(
  { weight: 12, arbitrary: small },
  {
    weight: 1,
    arbitrary: fc
      .tuple(small, fc.integer({ min: 100, max: 2000 }))
      .map(([piece, times]) => (piece || "&").repeat(times).slice(0, 8000)),
  },
);

/**
 * Markup that the data could only have smuggled in. A layout pattern removes the app's own
 * markers and keeps what they hold (its capture groups, `$1`): a sender inside `*…*` or a link's
 * label is data, and must be checked like the rest.
 */
function smuggled(text: string, layout: Layout[]): string[] {
  let rest = text.replace(OWN_LINK, "$1");
  for (const [pattern, keep] of layout) rest = rest.replace(pattern, keep);
  const found: string[] = [];
  if (/[*_~`]/.test(rest)) found.push(`formatting ${JSON.stringify(rest.match(/[*_~`]/)?.[0])}`);
  if (/@(channel|here|everyone)/i.test(rest)) found.push("a ping");
  return found;
}
/** A layout marker and what to leave in its place (its data). */
type Layout = [RegExp, string];
/** Code spans are pasteable text, where Slack formats nothing: removed whole. */
const CODE_SPAN: Layout = [/`[^`\n]*`/g, ""];
const TITLE = /^\*[^*\n]+\*$/;
const BOLD_TITLE: Layout = [/^\*|\*$/g, ""];
/** `*sender* · time`: the sender kept, on a line of its own so that AGENT still sees a line start. */
const HEADER: Layout = [
  /^\*([^*\n]*)\* · (?:\d{4}-\d\d-\d\d \d\d:\d\d UTC|unknown time)/gm,
  "$1\n",
];
const AGENT: Layout = [/^ · _([^_\n]*)_$/gm, "$1"];
const NO_TEXT: Layout = [/^_\(no text; ([^_\n]*)\)_$/gm, "$1"];
const ID_SPAN: Layout = [/^`[^`\n]*`/, ""];

/** Checks a reply; `layout` names the markup the app itself puts in block `i`. */
function expectClean(
  reply: { text: string; blocks?: unknown[] },
  layout: (i: number, type: string) => Layout[],
) {
  expect(blockKitProblems(reply)).toEqual([]);
  const types = (reply.blocks ?? []).map((b) => (b as { type: string }).type);
  blockTexts(reply).forEach((text, i) => {
    expect((text.match(/`/g) ?? []).length % 2, `unbalanced backticks in ${text}`).toBe(0);
    expect(smuggled(text, layout(i, types[i] as string))).toEqual([]);
  });
}

/** The id a command asks for: anything a user can type but empty, or a real one. */
const queriedId = fc.oneof(
  hostile.filter((id) => id !== ""),
  fc.constant("919812345678"),
);

const message = fc.record({
  id: fc.string({ maxLength: 10 }),
  timestamp: fc.oneof(
    fc.integer({ min: 0, max: 4_102_444_800_000 }),
    fc.constantFrom(Number.NaN, 1e20, -1e20),
  ),
  sender: hostile,
  type: fc.oneof(
    fc.constantFrom("TEXT", "OPTIONS", "AGENT_PARTICIPATION_STATUS", "FILE_RECEIVED", "IMAGE"),
    small,
  ),
  text: hostile,
  options: fc.option(fc.array(hostile, { maxLength: 40 }), { nil: undefined }),
  file: fc.option(
    fc.record({
      url: fc.oneof(
        hostile,
        fc.webUrl(),
        fc.tuple(fc.webUrl(), small).map(([u, s]) => `${u}/${s}`),
      ),
      name: hostile,
      mimeType: fc.option(hostile, { nil: undefined }),
      uploadType: fc.option(small, { nil: undefined }),
    }),
    { nil: undefined },
  ),
  raw: fc.constant({}),
}) as fc.Arbitrary<ChatMessage>;

describe("formatHistory, whatever MyBOT and the command hold", () => {
  it("is valid Block Kit and shows data only as text", () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 60 }),
        fc.record({
          page: fc.integer({ min: 1, max: 100_000 }),
          count: fc.integer({ min: 1, max: 100 }),
          hasOlder: fc.boolean(),
          totalMessages: fc.option(fc.nat(), { nil: undefined }),
        }),
        queriedId,
        fc.boolean(),
        fc.record({
          older: fc.option(fc.string({ minLength: 1, maxLength: 2000 }), { nil: undefined }),
          newer: fc.option(fc.string({ minLength: 1, maxLength: 2000 }), { nil: undefined }),
        }),
        (messages, paging, channelUserId, mask, buttons) => {
          const latest: LatestMessages = {
            messages,
            ...paging,
            endDate: Date.UTC(2024, 0, 1),
            requests: 1,
          };
          const reply = formatHistory(
            latest,
            { channelUserId, since: Date.UTC(2023, 0, 1) },
            { mask, responseType: "in_channel", command: "/mybot" },
            buttons,
          );
          const texts = blockTexts(reply);
          expectClean(reply, (i, type) =>
            i === 0
              ? [BOLD_TITLE]
              : type === "context" || type === "actions"
                ? [CODE_SPAN]
                : [HEADER, AGENT, NO_TEXT],
          );
          expect(texts[0]).toMatch(TITLE);
          // A button only for a page that is there, with the value it was given: no Older past
          // the furthest page a button can name, no Newer when the whole window is empty.
          const shown = buttonsOf(reply);
          const older = paging.hasOlder && paging.page < 100_000 ? buttons.older : undefined;
          const anyMessage = messages.length > 0 || paging.totalMessages !== 0;
          const newer = paging.page > 1 && anyMessage ? buttons.newer : undefined;
          expect(shown.map((b) => b.value)).toEqual([older, newer].filter((v) => v !== undefined));
        },
      ),
      RUNS,
    );
  });
});

const user = fc.record({
  channelUserId: fc.oneof(hostile, fc.constant("919812345678")),
  channel: hostile,
  name: fc.option(hostile, { nil: null }),
  attributes: fc.dictionary(
    fc.oneof(hostile, fc.constantFrom("email", "phone", "plan")),
    fc.oneof(hostile, fc.constantFrom("asha@localhost", "12345")),
    { maxKeys: 10 },
  ),
}) as fc.Arbitrary<MyBotUser>;

describe("formatUsers, whatever MyBOT and the command hold", () => {
  it("is valid Block Kit, ids whole in code spans, and data only as text", () => {
    fc.assert(
      fc.property(
        fc.array(user, { maxLength: 60 }),
        hostile,
        hostile,
        fc.boolean(),
        (users, name, value, mask) => {
          const reply = formatUsers(users, name, value, {
            mask,
            responseType: "in_channel",
            command: "/mybot",
          });
          expectClean(reply, (i, type) =>
            i === 0 ? [BOLD_TITLE] : type === "context" ? [] : [ID_SPAN],
          );
          expect(blockTexts(reply)[0]).toMatch(TITLE);
          // A short id is shown whole, whatever masking does to the rest.
          for (const u of users.slice(0, 48)) {
            if (/^[\w+-]{1,100}$/.test(u.channelUserId))
              expect(JSON.stringify(reply.blocks)).toContain(`\`${u.channelUserId}\``);
          }
        },
      ),
      RUNS,
    );
  });
});

describe("formatUserCard, whatever MyBOT and the command hold", () => {
  it("is valid Block Kit, the id whole in code spans, and data only as text", () => {
    fc.assert(
      fc.property(
        queriedId,
        fc.option(user, { nil: undefined }),
        fc.option(
          fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constant(Number.NaN)),
          {
            nil: undefined,
          },
        ),
        fc.record({ count: fc.nat(), more: fc.boolean() }),
        fc.nat(5),
        fc.option(hostile, { nil: undefined }),
        fc.boolean(),
        (channelUserId, found, lastMessageAt, week, matches, attribute, mask) => {
          const reply = formatUserCard(
            { channelUserId, user: found, lastMessageAt, week, matches, requests: 2 },
            { attribute, transcript: "v1.value" },
            { mask, responseType: "in_channel", command: "/mybot" },
          );
          expectClean(reply, (i, type) =>
            i === 0 ? [BOLD_TITLE, CODE_SPAN] : type === "section" ? [ID_SPAN] : [CODE_SPAN],
          );
          expect(smuggled(reply.text, [])).toEqual([]);
          expect(/[<>]/.test(reply.text.replace(/&(lt|gt);/g, ""))).toBe(false);
        },
      ),
      RUNS,
    );
  });
});

/** Every error class @mybot/core exports (ten today), so that a new one is covered unasked. */
const CLASSES = Object.values(core).filter(
  (value): value is typeof core.MyBotApiError =>
    value === core.MyBotApiError ||
    (typeof value === "function" && value.prototype instanceof core.MyBotApiError),
);

describe("error sentences and usage lines", () => {
  it("an error is one of the known sentences, valid Block Kit, never its message or details", () => {
    expect(CLASSES.length).toBeGreaterThanOrEqual(10);
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.constantFrom(...CLASSES),
        fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }),
        fc.option(fc.oneof(fc.constantFrom(1002, 1003, 1004), fc.integer()), { nil: undefined }),
        hostile,
        fc.boolean(),
        (cls, status, code, text, api) => {
          const secret = `secret-${text}`;
          const error = api
            ? new cls({ status, code, message: secret, details: secret })
            : new Error(secret);
          const sentence = errorSentence(error);
          seen.add(sentence);
          const reply = formatText(sentence);
          expectClean(reply, () => [CODE_SPAN]);
          expect(JSON.stringify(reply)).not.toContain("secret-");
          expect(sentence).not.toMatch(/\n\s+at |Error:/);
        },
      ),
      RUNS,
    );
    // Bounded: a fixed set of sentences, not text built from the error.
    expect(seen.size).toBeLessThanOrEqual(12);
  });

  it("a mistake's usage line quotes what was typed as text, short", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("users", "history", "HISTORY", "delete", ""),
        fc.array(fc.oneof(hostile, fc.constantFrom("since", "until", "page", "limit")), {
          maxLength: 6,
        }),
        (verb, args) => {
          const command = parseCommand([verb, ...args].join(" "), Date.UTC(2024, 0, 31));
          if (command.kind !== "invalid") return;
          const reply = formatText(command.message);
          expectClean(reply, () => [CODE_SPAN]);
          expect(command.message).toMatch(/usage:|commands:/);
          expect(command.message.length).toBeLessThan(600);
        },
      ),
      RUNS,
    );
  });
});
