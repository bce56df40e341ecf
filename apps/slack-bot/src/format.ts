/**
 * Block Kit replies within Slack's limits (https://api.slack.com/reference/block-kit/blocks):
 * at most 50 blocks a message and 3000 characters a section. Chat text is escaped (`&`, `<`, `>`)
 * so a message cannot ping `@channel` or smuggle in a link; emails and phone numbers in names,
 * attributes and messages can be masked (user ids stay readable: agents need them to page).
 *
 * @module
 */
import type { LatestMessages, MyBotUser } from "@mybot/core";
import { formatHistoryCommand, type HistoryCommand } from "./command.ts";
import { renderMessage } from "./format-message.ts";
import { clip, escapeMrkdwn, maskPersonalData } from "./mrkdwn.ts";

export const MAX_BLOCKS = 50;
export const MAX_SECTION_CHARS = 3000;

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

const section = (text: string) => ({
  type: "section",
  text: { type: "mrkdwn", text: clip(text, MAX_SECTION_CHARS) },
});
const context = (text: string) => ({
  type: "context",
  elements: [{ type: "mrkdwn", text: clip(text, MAX_SECTION_CHARS) }],
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
  const clean = (text: string) => escapeMrkdwn(options.mask ? maskPersonalData(text) : text);
  const title = `${users.length} user${users.length === 1 ? "" : "s"} with ${clean(name)}=${clean(value)}`;
  const blocks: unknown[] = [section(`*${title}*`)];
  const room = MAX_BLOCKS - 2;
  for (const user of users.slice(0, room)) {
    const attributes = Object.entries(user.attributes)
      .slice(0, 6)
      .map(([k, v]) => `${clean(k)}: ${clean(v)}`)
      .join(" · ");
    const name = user.name ? ` — ${clean(user.name)}` : "";
    blocks.push(
      section(`\`${clean(user.channelUserId)}\` (${clean(user.channel)})${name}\n${attributes}`),
    );
  }
  if (users.length > room) {
    blocks.push(
      context(`${users.length - room} more not shown. Narrow the attribute to see them.`),
    );
  }
  return { response_type: options.responseType, text: title, blocks };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

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
): SlackReply {
  const title = historyTitle(latest, escapeMrkdwn(query.channelUserId));
  // Packed newest first into sections up to the character limit, leaving room for the title and
  // the footer: when something must go, it is the oldest, as the newest are what was asked for.
  const room = MAX_BLOCKS - 2;
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

  const page = (n: number) =>
    `\`${escapeMrkdwn(`${options.command} ${formatHistoryCommand({ channelUserId: query.channelUserId, since: query.since, until: latest.endDate, page: n, limit: latest.count })}`)}\``;
  const footer: string[] = [];
  const left = latest.messages.length - shown;
  if (left > 0)
    footer.push(
      `${left} messages of this page did not fit (the oldest of them); ask for a smaller \`limit\`.`,
    );
  if (latest.hasOlder) footer.push(`Older: ${page(latest.page + 1)}`);
  if (latest.page > 1) footer.push(`Newer: ${page(latest.page - 1)}`);
  if (footer.length) blocks.push(context(footer.join("\n")));
  return { response_type: options.responseType, text: title, blocks };
}

/** A plain sentence reply: usage lines and errors. */
export function formatText(
  text: string,
  responseType: "ephemeral" | "in_channel" = "ephemeral",
): SlackReply {
  return { response_type: responseType, text, blocks: [section(text)] };
}
