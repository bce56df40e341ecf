/**
 * `history <user id or phone> [since …] [until …] [page N] [limit N]`, read and written back.
 * The id may be a phone number typed in words (`+91 98123 45678`): the words before the first
 * option are the id, read as `user` reads its id.
 *
 * @module
 */
import { parseTime } from "@mybot/runtime";
import {
  type Command,
  DEFAULT_LIMIT,
  echo,
  type HistoryCommand,
  MAX_LIMIT,
  MAX_PAGE,
  USAGE,
} from "./command-syntax.ts";
import { commandToken, userIdOf, type Words } from "./command-tokens.ts";

const OPTIONS = new Set(["since", "until", "page", "limit"]);
/** A word that may be part of a phone number written with spaces: `+91`, `(981)`, `234-5678`. */
const PHONE_WORD = /^[\d().+-]+$/;

function positive(text: string | undefined, max: number): number | undefined {
  if (!text || !/^\d{1,6}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= max ? n : undefined;
}

const invalid = (message: string): Command => ({
  kind: "invalid",
  message: `${message} ${USAGE.history}`,
});

/**
 * The words after `history` (without a trailing `public`) as a command, or a mistake's sentence.
 *
 * @example
 * ```ts
 * parseHistory({ tokens: ["+91", "98123", "45678", "limit", "5"], quoted: [false, false, false, false, false] }, false, Date.now());
 * ```
 */
export function parseHistory(args: Words, wantsPublic: boolean, now: number): Command {
  if (args.tokens.length === 0) return invalid("The user id is missing.");
  // Only a phone number spans words: the words from the first that all read as its parts.
  const phoneWord = (i: number) => !args.quoted[i] && PHONE_WORD.test(args.tokens[i] as string);
  let idEnd = 1;
  if (phoneWord(0)) while (idEnd < args.tokens.length && phoneWord(idEnd)) idEnd++;
  const idWords = { tokens: args.tokens.slice(0, idEnd), quoted: args.quoted.slice(0, idEnd) };
  const channelUserId = userIdOf(idWords);
  if (channelUserId === undefined)
    return invalid(
      `${echo(idWords.tokens.join(" "))} is not one user id or phone number (quote an id with spaces).`,
    );
  const command: HistoryCommand = {
    kind: "history",
    channelUserId,
    page: 1,
    limit: DEFAULT_LIMIT,
    public: wantsPublic,
  };
  const options = args.tokens.slice(idEnd);
  for (let i = 0; i < options.length; i += 2) {
    const key = (options[i] as string).toLowerCase();
    const value = options[i + 1];
    if (!OPTIONS.has(key))
      return invalid(`${echo(options[i] as string)} is not an option of history.`);
    if (value === undefined) return invalid(`${echo(options[i] as string)} needs a value.`);
    if (key === "since" || key === "until") {
      const time = parseTime(value, now);
      if (time === undefined)
        return invalid(
          `${echo(`${key} ${value}`)}: give a duration like 7d or 24h, or a date like 2024-01-31.`,
        );
      command[key] = time;
    } else {
      const n = positive(value, key === "page" ? MAX_PAGE : MAX_LIMIT);
      if (n === undefined) {
        const range =
          key === "page" ? "a whole number from 1" : `a whole number from 1 to ${MAX_LIMIT}`;
        return invalid(`${echo(`${key} ${value}`)}: ${key} must be ${range}.`);
      }
      command[key as "page" | "limit"] = n;
    }
  }
  if (command.since !== undefined && command.until !== undefined && command.since >= command.until)
    return invalid("`since` must be before `until`.");
  return command;
}

/**
 * A history command as text that the parser reads back to the same command, times as ISO dates
 * to the millisecond (so a pinned window stays pinned); `limit` only when not the default,
 * `public` never (each reader chooses).
 *
 * @example
 * ```ts
 * formatHistoryCommand({ channelUserId: "919812345678", until: Date.UTC(2024, 0, 31, 9, 30, 15, 250), page: 2, limit: 20 });
 * // "history 919812345678 until 2024-01-31T09:30:15.250Z page 2"
 * ```
 */
export function formatHistoryCommand(
  command: Pick<HistoryCommand, "channelUserId" | "since" | "until" | "page" | "limit">,
): string {
  const parts = ["history", commandToken(command.channelUserId)];
  if (command.since !== undefined) parts.push("since", new Date(command.since).toISOString());
  if (command.until !== undefined) parts.push("until", new Date(command.until).toISOString());
  if (command.page !== 1) parts.push("page", String(command.page));
  if (command.limit !== DEFAULT_LIMIT) parts.push("limit", String(command.limit));
  return parts.join(" ");
}
