/**
 * What a user card knows about one channel user id, read in a few requests. MyBOT has no lookup
 * by id, so the history tells when the user last wrote and how much over the last 7 days, and a
 * configured attribute (`SLACK_USER_CARD_ATTRIBUTE`, say `phone`) finds the user's name, channel
 * and attributes through the users endpoint, searched with the id itself.
 *
 * Cost: the week's read and the attribute's, side by side; a user quiet all week costs one read
 * more, of the newest 100 messages of the last {@link QUIET_WINDOW_DAYS} days. That window is
 * what bounds it: on a server that pages oldest first without totals, finding the newest page
 * takes probes (about 2·log2 of the pages), and a page of 1 over the whole history made that
 * 2·log2 of its length. Over 90 days at 100 a page there are none unless those days hold more
 * than 100 messages.
 *
 * @module
 */
import { isMyBotApiError, type MyBotClient, type MyBotUser } from "@mybot/core";

export const WEEK_MS = 7 * 86_400_000;
/** The most messages of the week read to count them: past this the card says "100+". */
export const WEEK_COUNT_CAP = 100;
/** How far back a user quiet all week is looked for: past it, the card says so. */
export const QUIET_WINDOW_DAYS = 90;
const QUIET_WINDOW_MS = QUIET_WINDOW_DAYS * 86_400_000;

export interface UserCardFacts {
  channelUserId: string;
  /** The newest message's time; undefined when there is no history (in the window read). */
  lastMessageAt?: number | undefined;
  /** Days looked back for the newest message, when none was found in them (MyBOT knew the id). */
  quietDays?: number | undefined;
  /** Messages in the 7 days before the card was read; `more` when past the count read. */
  week: { count: number; more: boolean };
  /** The user the attribute found; undefined without the setting or without a single match. */
  user?: MyBotUser | undefined;
  /** How many users the attribute matched (to say when it is ambiguous). */
  matches: number;
  /** Requests made to MyBOT. */
  requests: number;
}

const unknownUser = (error: unknown) => isMyBotApiError(error) && error.code === 1002;

/**
 * The card's facts, or undefined when MyBOT knows no such user: no history (or error 1002) and
 * no user found by the attribute. Other MyBOT errors are thrown, for a sentence.
 *
 * @example
 * ```ts
 * const facts = await readUserCard(client, "919812345678", { attribute: "phone" });
 * ```
 */
export async function readUserCard(
  client: Pick<MyBotClient, "getLatestMessages" | "getMatchingUsers">,
  channelUserId: string,
  options: { attribute?: string | undefined; nowMs?: number },
): Promise<UserCardFacts | undefined> {
  const now = options.nowMs ?? Date.now();
  const [week, users] = await Promise.all([
    client
      .getLatestMessages(channelUserId, {
        count: WEEK_COUNT_CAP,
        startDate: now - WEEK_MS,
        endDate: now,
      })
      .catch((error) => {
        if (unknownUser(error)) return undefined;
        throw error;
      }),
    options.attribute
      ? client.getMatchingUsers({ attributeName: options.attribute, attributeValue: channelUserId })
      : Promise.resolve([] as MyBotUser[]),
  ]);
  let requests = (week?.requests ?? 1) + (options.attribute ? 1 : 0);
  let lastMessageAt = week?.messages.at(-1)?.timestamp;
  // Quiet all week: one more read, for when it last wrote; a page of 100 over a bounded window,
  // so that finding the newest page costs few probes even on an oldest-first server.
  let quietDays: number | undefined;
  if (week && lastMessageAt === undefined) {
    const last = await client.getLatestMessages(channelUserId, {
      count: WEEK_COUNT_CAP,
      startDate: now - QUIET_WINDOW_MS,
      endDate: now,
    });
    requests += last.requests;
    lastMessageAt = last.messages.at(-1)?.timestamp;
    if (lastMessageAt === undefined) quietDays = QUIET_WINDOW_DAYS;
  }
  // The user whose id it is; else the only match (the attribute may hold the number otherwise
  // written); several others are not guessed between.
  const user =
    users.find((u) => u.channelUserId === channelUserId) ??
    (users.length === 1 ? users[0] : undefined);
  if (lastMessageAt === undefined && !user) return undefined;
  const count = week?.totalMessages ?? week?.messages.length ?? 0;
  return {
    channelUserId,
    lastMessageAt,
    quietDays,
    week: { count, more: week?.totalMessages === undefined && week?.hasOlder === true },
    user,
    matches: users.length,
    requests,
  };
}
