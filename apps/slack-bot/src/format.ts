/**
 * Block Kit replies within Slack's limits (https://api.slack.com/reference/block-kit/blocks):
 * at most 50 blocks a message, 3000 characters a section or context text, never an empty text.
 * Every field from MyBOT or from the command is escaped ({@link prose}, {@link code}) and cut to
 * its own budget, so a reply is valid whatever the lengths. Emails and phone numbers in names,
 * attributes and messages can be masked; user ids and paging commands are only ever shown whole,
 * in code spans, so that agents can paste them into `history` (one too long once escaped is said
 * to be so, never cut silently).
 *
 * @module
 */
import type { LatestMessages, MyBotUser } from "@mybot/core";
import { ACTION_IDS, actionsBlock } from "./buttons.ts";
import { commandToken, formatHistoryCommand, type HistoryCommand } from "./command.ts";
import { renderMessage } from "./format-message.ts";
import { maskAttribute } from "./mask.ts";
import { asText, clip, code, oneLine, prose, wholeCode } from "./mrkdwn.ts";

export const MAX_BLOCKS = 50;
export const MAX_SECTION_CHARS = 3000;
/** Budgets (escaped) of the fields of a user: an id, six attributes and the rest fit a section. */
const MAX_QUERY_CHARS = 200;
const MAX_ID_CHARS = 256;
const MAX_CHANNEL_CHARS = 40;
const MAX_NAME_CHARS = 200;
const MAX_ATTRIBUTES = 6;
const MAX_KEY_CHARS = 60;
const MAX_VALUE_CHARS = 200;
/** A paging command longer than this escaped (a hostile id) is described instead of quoted. */
const MAX_HINT_CHARS = 1000;
/** How much of an id too long to show whole is shown, to tell it apart (escaped). */
const ID_PREVIEW_CHARS = 40;

/** A Slack message body for `response_url`. */
export interface SlackReply {
  response_type: "ephemeral" | "in_channel";
  replace_original?: boolean;
  text: string;
  blocks?: unknown[];
}

/** Options for rendering. */
export interface FormatOptions {
  mask: boolean;
  responseType: "ephemeral" | "in_channel";
  command: string;
}

/** The signed values of a transcript's Older and Newer buttons (button-value.ts), when shown. */
export interface PagingButtons {
  older?: string | undefined;
  newer?: string | undefined;
}

/**
 * A text object Slack accepts: never empty or blank (Slack rejects those), never too long; and
 * `verbatim`, so that Slack does not turn data into links or mentions on its own.
 */
function mrkdwn(text: string) {
  const cut = clip(text, MAX_SECTION_CHARS);
  return { type: "mrkdwn", text: cut.trim() ? cut : "(empty)", verbatim: true };
}
/** A section block of mrkdwn, cut to fit. */
export const section = (text: string) => ({ type: "section", text: mrkdwn(text) });
/** A context block of one mrkdwn text, cut to fit. */
export const context = (text: string) => ({ type: "context", elements: [mrkdwn(text)] });
/** A reply with its notification text cut to fit. */
export const reply = (
  responseType: SlackReply["response_type"],
  text: string,
  blocks: unknown[],
): SlackReply => ({
  response_type: responseType,
  text: clip(text, MAX_SECTION_CHARS),
  blocks,
});

/**
 * @example
 * ```ts
 * formatUsers(users, "plan", "gold", { mask: true, responseType: "ephemeral", command: "/mybot" });
 * ```
 */
export function formatUsers(
  users: MyBotUser[],
  name: string,
  value: string,
  options: FormatOptions,
): SlackReply {
  const { mask } = options;
  const query = (text: string) => prose(oneLine(text), MAX_QUERY_CHARS, mask);
  // The value masked as the rows mask it: by the attribute's name too, not only its look.
  const shownValue = mask ? maskAttribute(name, value) : value;
  const title = `${plural(users.length, "user")} with ${query(name)}=${query(shownValue)}`;
  const blocks: unknown[] = [section(`*${title}*`)];
  const room = MAX_BLOCKS - 2;
  for (const user of users.slice(0, room)) blocks.push(section(userText(user, mask)));
  if (users.length > room) {
    blocks.push(
      context(`${users.length - room} more not shown. Narrow the attribute to see them.`),
    );
  }
  return reply(options.responseType, title, blocks);
}

/**
 * One user as mrkdwn: the id whole, the channel, the name and up to six attributes, masked
 * when `mask` is on, each cut to its budget so that it fits one section.
 *
 * @example
 * ```ts
 * userText({ channelUserId: "919812345678", channel: "whatsapp", name: "Asha", attributes: {} }, true);
 * // "`919812345678` (whatsapp) — Asha"
 * ```
 */
export function userText(user: MyBotUser, mask: boolean): string {
  const fields = user.attributes && typeof user.attributes === "object" ? user.attributes : {};
  const attributes = Object.entries(fields)
    .slice(0, MAX_ATTRIBUTES)
    .map(([k, v]) => {
      const shown = mask ? maskAttribute(k, asText(v)) : asText(v);
      return `${prose(oneLine(k), MAX_KEY_CHARS, mask)}: ${prose(oneLine(shown), MAX_VALUE_CHARS)}`;
    })
    .join(" · ");
  const who = user.name ? prose(oneLine(asText(user.name)), MAX_NAME_CHARS, mask) : "";
  const id = userId(asText(user.channelUserId));
  const channel = prose(oneLine(asText(user.channel)), MAX_CHANNEL_CHARS, mask);
  return `${id} (${channel})${who ? ` — ${who}` : ""}${attributes ? `\n${attributes}` : ""}`;
}

/**
 * A user's id whole (not masked), in a code span, quoted if need be, since an agent pastes it into
 * `history`; when it is too long for that once escaped, its start and a sentence saying so, as a
 * cut id would look whole and find no one.
 */
export function userId(id: string): string {
  const whole = id.length <= MAX_ID_CHARS ? wholeCode(commandToken(id), MAX_ID_CHARS) : undefined;
  return whole ?? `${code(id, ID_PREVIEW_CHARS)} (the id is too long to show whole)`;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function historyTitle(latest: LatestMessages, who: string): string {
  const n = latest.messages.length;
  const total = latest.totalMessages;
  if (n === 0) {
    const where = latest.page > 1 ? ` on page ${latest.page} back from the latest` : "";
    return `No messages for ${who}${where}${total !== undefined ? ` (${total} in all)` : ""}`;
  }
  const of = total !== undefined ? ` of ${total}` : "";
  if (latest.page > 1)
    return `Chat history of ${who}: page ${latest.page} back from the latest, ${plural(n, "message")}${of}`;
  // Nothing older in the window: these are all of it.
  if (!latest.hasOlder)
    return `Chat history of ${who}: ${n === 1 ? "1 message" : `all ${n} messages`}`;
  return `Chat history of ${who}: the latest ${plural(n, "message")}${of}`;
}

/**
 * A transcript page: the messages oldest first, as a person reads them, and a footer with the
 * commands for the older and newer pages, their window pinned to this one's end (`until` to the
 * millisecond) so that messages arriving meanwhile cannot shift the pages. When a page does not
 * fit in a reply, the oldest of its messages are the ones left out, and the footer says so.
 *
 * @example
 * ```ts
 * const latest = await client.getLatestMessages("919812345678", { count: 20 });
 * formatHistory(latest, { channelUserId: "919812345678" }, { mask: false, responseType: "ephemeral", command: "/mybot" });
 * ```
 */
export function formatHistory(
  latest: LatestMessages,
  query: Pick<HistoryCommand, "channelUserId" | "since">,
  options: FormatOptions,
  buttons: PagingButtons = {},
): SlackReply {
  // The id as typed (not masked: it is what the agent asked for), escaped for the bold title.
  const title = historyTitle(latest, prose(oneLine(query.channelUserId), MAX_QUERY_CHARS));
  // Packed newest first into sections up to the character limit, leaving room for the title and
  // the footer and the buttons: when something must go, it is the oldest, as the newest are what
  // was asked for.
  const room = MAX_BLOCKS - 3;
  const sections: string[] = [];
  let current = "";
  let shown = 0;
  for (let i = latest.messages.length - 1; i >= 0; i--) {
    const message = latest.messages[i] as LatestMessages["messages"][number];
    const entry = `${clip(renderMessage(message, options), MAX_SECTION_CHARS - 1)}\n`;
    if (current !== "" && current.length + entry.length > MAX_SECTION_CHARS) {
      if (sections.length + 2 > room) break;
      sections.push(current);
      current = "";
    }
    current = entry + current;
    shown++;
  }
  if (current) sections.push(current);
  const blocks: unknown[] = [section(`*${title}*`), ...sections.reverse().map(section)];

  const page = (n: number) => {
    const window = {
      since: query.since,
      until: latest.endDate,
      page: n,
      limit: latest.count,
    };
    // Ids are only quoted (`"` escaped) when short enough to show: a long one costs nothing. The
    // budget is for the command escaped, as `&<>` grow fivefold and a cut command cannot be pasted.
    if (query.channelUserId.length <= MAX_HINT_CHARS) {
      const command = `${options.command} ${formatHistoryCommand({ channelUserId: query.channelUserId, ...window })}`;
      const whole = wholeCode(command, MAX_HINT_CHARS + 2);
      if (whole) return whole;
    }
    // A hostile id too long to quote: what to add to the same command instead.
    const rest = formatHistoryCommand({ channelUserId: "-", ...window }).slice("history - ".length);
    return `the same command with ${code(rest, MAX_HINT_CHARS)} (the user id is too long to repeat)`;
  };
  const footer: string[] = [];
  const left = latest.messages.length - shown;
  if (left > 0)
    footer.push(
      `${left} messages of this page did not fit (the oldest of them); ask for a smaller \`limit\`.`,
    );
  if (latest.hasOlder) footer.push(`Older: ${page(latest.page + 1)}`);
  if (latest.page > 1) footer.push(`Newer: ${page(latest.page - 1)}`);
  if (footer.length) blocks.push(context(footer.join("\n")));
  // Buttons only where the footer offers the same page: a value is never a page that is not there.
  const actions = actionsBlock([
    latest.hasOlder && buttons.older
      ? { actionId: ACTION_IDS.older, text: "◀ Older", value: buttons.older }
      : undefined,
    latest.page > 1 && buttons.newer
      ? { actionId: ACTION_IDS.newer, text: "Newer ▶", value: buttons.newer }
      : undefined,
  ]);
  if (actions) blocks.push(actions);
  return reply(options.responseType, title, blocks);
}

/** A plain sentence reply: usage lines and errors. */
export function formatText(
  text: string,
  responseType: "ephemeral" | "in_channel" = "ephemeral",
): SlackReply {
  return reply(responseType, text, [section(text)]);
}
