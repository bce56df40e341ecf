/**
 * The `/mybot` command language's shapes, bounds and usage lines, shared by the parser
 * (command.ts, command-history.ts) and by what writes commands back or signs pages to open.
 *
 *   users <attribute>=<value>                         (values with spaces in "double quotes")
 *   history <channelUserId or phone> [since <7d|24h|ISO date>] [until <…>] [page N] [limit N] [public]
 *   user <channelUserId or phone number> [public]
 *   help
 *
 * @module
 */
import { code } from "./mrkdwn.ts";

/** A parsed command. */
export type Command =
  | { kind: "help" }
  | { kind: "users"; attributeName: string; attributeValue: string; public: boolean }
  | HistoryCommand
  | UserCommand
  | { kind: "invalid"; message: string };

/** `user`: one user's card; a phone number typed in any common form is read as its digits. */
export interface UserCommand {
  kind: "user";
  /** The channel user id, normalised (phone.ts `normaliseUserId`). */
  channelUserId: string;
  public: boolean;
}

/** `history`: the `page`-th `limit` messages counting back from the newest before `until`. */
export interface HistoryCommand {
  kind: "history";
  /** The channel user id, normalised like `user`'s. */
  channelUserId: string;
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive; the newest message shown is before it. */
  until?: number;
  /** 1 for the newest `limit` messages, 2 for the ones before them, … */
  page: number;
  limit: number;
  public: boolean;
}

/** The most messages one reply shows. */
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;
/** The furthest page back a command or a button names: no Older button past it. */
export const MAX_PAGE = 100_000;
/** The longest command text read: Slack's own message limit is 4000 characters. */
export const MAX_COMMAND_CHARS = 4000;

/** The usage lines, as mrkdwn: the placeholders' `<>` escaped, or Slack would read them as links. */
export const USAGE = {
  users:
    'usage: `users &lt;attribute&gt;=&lt;value&gt;`, e.g. `users plan=gold` or `users name="Asha Rao"`',
  history:
    "usage: `history &lt;user id or phone&gt; [since 7d|24h|2024-01-31] [until …] [page N] [limit N]` (the newest messages; page 2 is the ones before them)",
  user: "usage: `user &lt;user id or phone number&gt;`, e.g. `user +91 98123 45678`",
  all: "commands: `users &lt;attribute&gt;=&lt;value&gt;` · `history &lt;user id or phone&gt; [since 7d] [until 2024-01-31] [page N] [limit N]` · `user &lt;user id or phone&gt;` · `help`",
};

/**
 * What the user typed, quoted back in a mistake's sentence: escaped, and short.
 *
 * @example
 * ```ts
 * echo("<!channel>"); // "`&lt;!channel&gt;`"
 * ```
 */
export const echo = (typed: string) => code(typed, 80);
