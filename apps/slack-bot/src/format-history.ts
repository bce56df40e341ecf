/**
 * A transcript page as a reply: the messages oldest first, as a person reads them, a footer with
 * the typed commands for the older and newer pages, and their buttons' values when given. Which
 * pages those are is {@link pagingPages}'s: a page that is there, never one past either end.
 *
 * @module
 */
import type { LatestMessages } from "@mybot/core";
import { ACTION_IDS, actionsBlock } from "./buttons.ts";
import { formatHistoryCommand, type HistoryCommand, MAX_PAGE } from "./command.ts";
import {
  context,
  type FormatOptions,
  MAX_BLOCKS,
  MAX_SECTION_CHARS,
  plural,
  queried,
  reply,
  type SlackReply,
  section,
} from "./format-blocks.ts";
import { renderMessage } from "./format-message.ts";
import { clip, code, wholeCode } from "./mrkdwn.ts";

/** A paging command longer than this escaped (a hostile id) is described instead of quoted. */
const MAX_HINT_CHARS = 1000;

/** The signed values of a transcript's Older and Newer buttons (button-value.ts), when shown. */
export interface PagingButtons {
  older?: string | undefined;
  newer?: string | undefined;
}

/**
 * The pages the Older and Newer buttons (and the footer's commands) open from this one. Older is
 * the next page back while there is one, up to {@link MAX_PAGE}, the furthest a command or a
 * button can name. Newer is the page before, unless this page is past the end (empty): then the
 * last page with messages when the total is known, else the newest page, so a press never lands
 * on another empty page.
 *
 * @example
 * ```ts
 * pagingPages({ page: 9, count: 20, messages: [], totalMessages: 45, hasOlder: false, … }); // { newer: 3 }
 * ```
 */
export function pagingPages(
  latest: Pick<LatestMessages, "page" | "count" | "messages" | "hasOlder" | "totalMessages">,
): { older?: number; newer?: number } {
  const pages: { older?: number; newer?: number } = {};
  if (latest.hasOlder && latest.page < MAX_PAGE) pages.older = latest.page + 1;
  if (latest.page <= 1) return pages;
  if (latest.messages.length > 0) pages.newer = latest.page - 1;
  else if (latest.totalMessages === undefined) pages.newer = 1;
  else if (latest.totalMessages > 0)
    pages.newer = Math.min(latest.page - 1, Math.ceil(latest.totalMessages / latest.count));
  return pages;
}

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
 * commands for the older and newer pages ({@link pagingPages}), their window pinned to this one's end (`until` to the
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
  const title = historyTitle(latest, queried(query.channelUserId));
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
  const pages = pagingPages(latest);
  if (pages.older !== undefined) footer.push(`Older: ${page(pages.older)}`);
  if (pages.newer !== undefined) footer.push(`Newer: ${page(pages.newer)}`);
  if (footer.length) blocks.push(context(footer.join("\n")));
  // Buttons only where the footer offers a page: a value is never a page that is not there.
  const actions = actionsBlock([
    pages.older !== undefined && buttons.older
      ? { actionId: ACTION_IDS.older, text: "◀ Older", value: buttons.older }
      : undefined,
    pages.newer !== undefined && buttons.newer
      ? { actionId: ACTION_IDS.newer, text: "Newer ▶", value: buttons.newer }
      : undefined,
  ]);
  if (actions) blocks.push(actions);
  return reply(options.responseType, title, blocks);
}
