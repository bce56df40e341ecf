/**
 * Block Kit replies within Slack's limits (https://api.slack.com/reference/block-kit/blocks):
 * at most 50 blocks a message and 3000 characters a section. Chat text is escaped (`&`, `<`, `>`)
 * so a message cannot ping `@channel` or smuggle in a link; emails and phone numbers in names,
 * attributes and messages can be masked (user ids stay readable: agents need them to page).
 *
 * @module
 */
import type { ChatHistoryPage, MyBotUser } from "@mybot/core";

export const MAX_BLOCKS = 50;
export const MAX_SECTION_CHARS = 3000;

/** A Slack message body for `response_url`. */
export interface SlackReply {
  response_type: "ephemeral" | "in_channel";
  replace_original?: boolean;
  text: string;
  blocks?: unknown[];
}

/** Escapes the three characters Slack's mrkdwn gives meaning to. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Hides the local part of emails and all but the last 3 digits of phone-like numbers. */
export function maskPersonalData(text: string): string {
  return text
    .replace(/([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g, "$1•••@$2")
    .replace(/\+?\d[\d ()-]{6,}\d/g, (phone) => {
      const digits = phone.replace(/\D/g, "");
      return digits.length >= 8 ? `•••${digits.slice(-3)}` : phone;
    });
}

/** Options for rendering. */
export interface FormatOptions {
  mask: boolean;
  responseType: "ephemeral" | "in_channel";
  command: string;
}

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text: clip(text) } });
const context = (text: string) => ({
  type: "context",
  elements: [{ type: "mrkdwn", text: clip(text) }],
});

function clip(text: string): string {
  return text.length <= MAX_SECTION_CHARS ? text : `${text.slice(0, MAX_SECTION_CHARS - 1)}…`;
}

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

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

/**
 * @example
 * ```ts
 * formatHistory(page, { mask: false, responseType: "ephemeral", command: "/mybot" }, "history 919812345678");
 * ```
 */
export function formatHistory(
  page: ChatHistoryPage,
  options: FormatOptions,
  rerun: string,
): SlackReply {
  const clean = (text: string) => escapeMrkdwn(options.mask ? maskPersonalData(text) : text);
  const { pageNumber, totalPages, totalMessages, hasNextPage } = page.pagination;
  const who = escapeMrkdwn(page.channelUserId);
  const title = page.messages.length
    ? `Chat history of ${who}: page ${pageNumber}${totalPages > 0 ? ` of ${totalPages}` : ""}${totalMessages >= 0 ? `, ${totalMessages} messages` : ""}`
    : `No messages for ${who} on page ${pageNumber}${totalMessages >= 0 ? ` (${totalMessages} in all)` : ""}`;
  const blocks: unknown[] = [section(`*${title}*`)];
  // Messages are packed into sections up to the character limit, leaving room for the footer.
  let current = "";
  let shown = 0;
  for (const m of page.messages) {
    const line = `*${m.sender}* · ${utc(m.timestamp)}\n${clean(m.text)}\n`;
    if (current.length + line.length > MAX_SECTION_CHARS) {
      if (blocks.length >= MAX_BLOCKS - 2) break;
      blocks.push(section(current));
      current = "";
    }
    current += line;
    shown++;
  }
  if (current) blocks.push(section(current));
  const left = page.messages.length - shown;
  const footer: string[] = [];
  if (left > 0)
    footer.push(`${left} messages of this page did not fit; ask for a smaller \`limit\`.`);
  if (hasNextPage) footer.push(`More: \`${options.command} ${rerun} page ${pageNumber + 1}\``);
  if (footer.length) blocks.push(context(footer.join(" ")));
  return { response_type: options.responseType, text: title, blocks };
}

/** A plain sentence reply: usage lines and errors. */
export function formatText(
  text: string,
  responseType: "ephemeral" | "in_channel" = "ephemeral",
): SlackReply {
  return { response_type: responseType, text, blocks: [section(text)] };
}
