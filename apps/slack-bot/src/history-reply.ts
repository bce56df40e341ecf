/**
 * A transcript page as a reply, with its Older and Newer buttons: shared by `history` typed and
 * by a button pressed, so both show the same page the same way. The buttons' window is this
 * page's, its end pinned by `getLatestMessages` at the first view (`endDate`), so messages
 * arriving while the agent pages cannot shift the pages; and its channel is the one the values are
 * bound to (`target.channelId`). Which pages the buttons open is `pagingPages`'s.
 *
 * @module
 */
import type { MyBotClient } from "@mybot/core";
import { encodeButtonValue, type HistoryTarget } from "./button-value.ts";
import { type FormatOptions, formatHistory, pagingPages, type SlackReply } from "./format.ts";

/**
 * One MyBOT read (`getLatestMessages`), formatted.
 *
 * @example
 * ```ts
 * const reply = await historyReply(client, config.signingSecret, { channelUserId: "919812345678", page: 1, limit: 20, public: false, channelId: "C0SUPPORT" }, options);
 * ```
 */
export async function historyReply(
  client: Pick<MyBotClient, "getLatestMessages">,
  secret: string,
  target: HistoryTarget,
  options: FormatOptions,
  nowMs = Date.now(),
): Promise<SlackReply> {
  // The newest first, whatever order MyBOT pages in; `page` counts back from them.
  const latest = await client.getLatestMessages(target.channelUserId, {
    count: target.limit,
    page: target.page,
    startDate: target.since,
    endDate: target.until,
  });
  const pinned = { ...target, until: latest.endDate, limit: latest.count };
  const pages = pagingPages(latest);
  const value = (page: number | undefined) =>
    page === undefined ? undefined : encodeButtonValue(secret, { ...pinned, page }, nowMs);
  const [older, newer] = await Promise.all([value(pages.older), value(pages.newer)]);
  return formatHistory(latest, target, options, { older, newer });
}
