/**
 * What a user card knows about one channel user id, read in a few requests. MyBOT has no lookup
 * by id, so the history tells when the user last wrote and how much over the last 7 days, and a
 * configured attribute (`SLACK_USER_CARD_ATTRIBUTE`, say `phone`) finds the user's name, channel
 * and attributes through the users endpoint, searched with the id itself.
 *
 * @module
 */
import { isMyBotApiError, type MyBotClient, type MyBotUser } from "@mybot/core";

export const WEEK_MS = 7 * 86_400_000;
/** The most messages of the week read to count them: past this the card says "100+". */
export const WEEK_COUNT_CAP = 100;

export interface UserCardFacts {
  channelUserId: string;
  /** The newest message's time; undefined when there is no history. */
  lastMessageAt?: number | undefined;
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
  // Quiet all week: one more read, of the single newest message, for when it last wrote.
  if (week && lastMessageAt === undefined) {
    const last = await client.getLatestMessages(channelUserId, { count: 1, endDate: now });
    requests += last.requests;
    lastMessageAt = last.messages.at(-1)?.timestamp;
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
    week: { count, more: week?.totalMessages === undefined && week?.hasOlder === true },
    user,
    matches: users.length,
    requests,
  };
}
