/**
 * The `/mybot` command language (command-syntax.ts lists it): `users`, `history`, `user`, `help`.
 * `history` shows the newest `limit` messages; `page N` is the N-th such page counting back from
 * the newest. Parsing never throws: a mistake comes back as a usage line that points at it.
 * `history` is read in command-history.ts, which also writes one back for the replies' hints.
 *
 * @module
 */
import { splitNameValue } from "@mybot/runtime";
import { parseHistory } from "./command-history.ts";
import { type Command, echo, MAX_COMMAND_CHARS, USAGE } from "./command-syntax.ts";
import { userIdOf, words } from "./command-tokens.ts";

export { formatHistoryCommand } from "./command-history.ts";
export {
  type Command,
  DEFAULT_LIMIT,
  type HistoryCommand,
  MAX_COMMAND_CHARS,
  MAX_LIMIT,
  MAX_PAGE,
  USAGE,
  type UserCommand,
} from "./command-syntax.ts";
export { commandToken, tokenize } from "./command-tokens.ts";

/**
 * @example
 * ```ts
 * parseCommand("history 919812345678 since 7d limit 50", Date.now());
 * ```
 */
export function parseCommand(text: string, now: number): Command {
  // Slack sends a few hundred characters; far more is not a command anyone typed.
  if (text.length > MAX_COMMAND_CHARS)
    return {
      kind: "invalid",
      message: `The command is too long (${text.length} characters; at most ${MAX_COMMAND_CHARS}). ${USAGE.all}`,
    };
  const split = words(text.trim());
  if (!split) return { kind: "invalid", message: `A quote is not closed. ${USAGE.all}` };
  const [verb, ...rest] = split.tokens;
  const wantsPublic = rest.at(-1)?.toLowerCase() === "public";
  const count = wantsPublic ? rest.length - 1 : rest.length;
  const args = { tokens: rest.slice(0, count), quoted: split.quoted.slice(1, 1 + count) };

  switch (verb?.toLowerCase()) {
    case undefined:
    case "":
    case "help":
      return { kind: "help" };
    case "users": {
      const [text, extra] = args.tokens;
      const pair = splitNameValue(text);
      if (!pair || extra !== undefined) {
        const got = args.tokens.length
          ? `${echo(args.tokens.join(" "))} is not one attribute=value pair. `
          : "The attribute is missing. ";
        return { kind: "invalid", message: got + USAGE.users };
      }
      return {
        kind: "users",
        attributeName: pair.name,
        attributeValue: pair.value,
        public: wantsPublic,
      };
    }
    case "user": {
      if (args.tokens.length === 0)
        return {
          kind: "invalid",
          message: `The user id or phone number is missing. ${USAGE.user}`,
        };
      // A phone number is often typed with spaces (`+91 98123 45678`): several words are one
      // number when they read as one; otherwise they are a mistake, not an id with spaces.
      const channelUserId = userIdOf(args);
      if (channelUserId === undefined)
        return {
          kind: "invalid",
          message: `${echo(args.tokens.join(" "))} is not one user id or phone number (quote an id with spaces). ${USAGE.user}`,
        };
      return { kind: "user", channelUserId, public: wantsPublic };
    }
    case "history":
      return parseHistory(args, wantsPublic, now);
    default:
      return { kind: "invalid", message: `${echo(verb as string)} is not a command. ${USAGE.all}` };
  }
}
