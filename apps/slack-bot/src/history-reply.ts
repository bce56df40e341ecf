/**
 * A transcript page as a reply, with its Older and Newer buttons: shared by `history` typed and
 * by a button pressed, so both show the same page the same way. The buttons' window is this
 * page's, its end pinned by `getLatestMessages` at the first view (`endDate`), so messages
 * arriving while the agent pages cannot shift the pages.
 *
 * @module
 */
import type { MyBotClient } from "@mybot/core";
import { encodeButtonValue, type HistoryTarget } from "./button-value.ts";
import { type FormatOptions, formatHistory, type SlackReply } from "./format.ts";

/**
 * One MyBOT read (`getLatestMessages`), formatted.
 *
 * @example
 * ```ts
 * const reply = await historyReply(client, config.signingSecret, { channelUserId: "919812345678", page: 1, limit: 20, public: false }, options);
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
  const [older, newer] = await Promise.all([
    latest.hasOlder ? encodeButtonValue(secret, { ...pinned, page: latest.page + 1 }, nowMs) : "",
    latest.page > 1 ? encodeButtonValue(secret, { ...pinned, page: latest.page - 1 }, nowMs) : "",
  ]);
  return formatHistory(latest, target, options, { older, newer });
}
