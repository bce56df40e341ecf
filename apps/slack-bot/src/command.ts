/**
 * The `/mybot` command language:
 *
 *   users <attribute>=<value>                         (values with spaces in "double quotes")
 *   history <channelUserId> [since <7d|24h|ISO date>] [until <…>] [page N] [limit N] [public]
 *   user <channelUserId or phone number> [public]
 *   help
 *
 * `history` shows the newest `limit` messages; `page N` is the N-th such page counting back from
 * the newest. Parsing never throws: a mistake comes back as a usage line that points at it.
 * {@link formatHistoryCommand} writes a history command back, for the replies' paging hints.
 *
 * @module
 */
import { code } from "./mrkdwn.ts";
import { normaliseUserId } from "./phone.ts";
import { isSpace } from "./white-space.ts";

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
  /** The channel user id, normalised ({@link normaliseUserId}). */
  channelUserId: string;
  public: boolean;
}

/** `history`: the `page`-th `limit` messages counting back from the newest before `until`. */
export interface HistoryCommand {
  kind: "history";
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
/** The longest command text read: Slack's own message limit is 4000 characters. */
export const MAX_COMMAND_CHARS = 4000;

/** The usage lines, as mrkdwn: the placeholders' `<>` escaped, or Slack would read them as links. */
export const USAGE = {
  users:
    'usage: `users &lt;attribute&gt;=&lt;value&gt;`, e.g. `users plan=gold` or `users name="Asha Rao"`',
  history:
    "usage: `history &lt;user id&gt; [since 7d|24h|2024-01-31] [until …] [page N] [limit N]` (the newest messages; page 2 is the ones before them)",
  user: "usage: `user &lt;user id or phone number&gt;`, e.g. `user +91 98123 45678`",
  all: "commands: `users &lt;attribute&gt;=&lt;value&gt;` · `history &lt;user id&gt; [since 7d] [until 2024-01-31] [page N] [limit N]` · `user &lt;user id or phone&gt;` · `help`",
};

/**
 * Splits on spaces, keeping "double quoted" parts (with \" escapes) together; undefined when a
 * quote is not closed. Text is copied in slices, never a character at a time, so the time is
 * linear in the length whatever the text holds.
 *
 * @example
 * ```ts
 * tokenize('users name="Asha \\"A\\" Rao"'); // ["users", 'name=Asha "A" Rao']
 * ```
 */
export function tokenize(text: string): string[] | undefined {
  const tokens: string[] = [];
  let parts: string[] = [];
  let started = false;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      started = true;
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return undefined;
        // Inside quotes the only escape is `\"`: the character before a quote decides.
        if (quote > from && text.charCodeAt(quote - 1) === 92) {
          if (quote - 1 > from) parts.push(text.slice(from, quote - 1));
          parts.push('"');
          from = quote + 1;
          continue;
        }
        parts.push(text.slice(from, quote));
        i = quote + 1;
        break;
      }
    } else if (isSpace(c)) {
      if (started) tokens.push(parts.join(""));
      parts = [];
      started = false;
      i++;
    } else {
      let end = i + 1;
      while (end < text.length && !isSpace(text.charCodeAt(end)) && text.charCodeAt(end) !== 34)
        end++;
      // A whole token without quotes, the usual case, needs no parts to join.
      if (!started && text.charCodeAt(end) !== 34) tokens.push(text.slice(i, end));
      else {
        parts.push(text.slice(i, end));
        started = true;
      }
      i = end;
    }
  }
  if (started) tokens.push(parts.join(""));
  return tokens;
}

/** What the user typed, quoted back in a mistake's sentence: escaped, and short. */
const echo = (typed: string) => code(typed, 80);

const DURATION = /^(\d{1,5})([mhdw])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * A point in time: a duration back from `now` (`30m`, `24h`, `7d`, `2w`) or an ISO date.
 *
 * @example
 * ```ts
 * parseTime("7d", Date.UTC(2024, 0, 8)); // Date.UTC(2024, 0, 1)
 * ```
 */
export function parseTime(text: string, now: number): number | undefined {
  const duration = DURATION.exec(text);
  if (duration) return now - Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS];
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return undefined;
  // A date without a zone is UTC, like every time this app shows.
  const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) || text.length === 10 ? text : `${text}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

function positive(text: string | undefined, max: number): number | undefined {
  if (!text || !/^\d{1,6}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= max ? n : undefined;
}

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
  const tokens = tokenize(text.trim());
  if (!tokens) return { kind: "invalid", message: `A quote is not closed. ${USAGE.all}` };
  const [verb, ...rest] = tokens;
  const wantsPublic = rest.at(-1)?.toLowerCase() === "public";
  const args = wantsPublic ? rest.slice(0, -1) : rest;

  switch (verb?.toLowerCase()) {
    case undefined:
    case "":
    case "help":
      return { kind: "help" };
    case "users": {
      const [pair, extra] = args;
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq <= 0 || eq === pair.length - 1 || extra !== undefined) {
        const got = args.length
          ? `${echo(args.join(" "))} is not one attribute=value pair. `
          : "The attribute is missing. ";
        return { kind: "invalid", message: got + USAGE.users };
      }
      return {
        kind: "users",
        attributeName: pair.slice(0, eq),
        attributeValue: pair.slice(eq + 1),
        public: wantsPublic,
      };
    }
    case "user": {
      if (args.length === 0)
        return {
          kind: "invalid",
          message: `The user id or phone number is missing. ${USAGE.user}`,
        };
      // A phone number is often typed with spaces (`+91 98123 45678`): several parts are one
      // number when they read as one; otherwise they are a mistake, not an id with spaces.
      const typed = args.join(" ");
      const channelUserId = normaliseUserId(typed);
      if (args.length > 1 && channelUserId === typed)
        return {
          kind: "invalid",
          message: `${echo(typed)} is not one user id or phone number (quote an id with spaces). ${USAGE.user}`,
        };
      return { kind: "user", channelUserId, public: wantsPublic };
    }
    case "history": {
      const [channelUserId, ...options] = args;
      if (!channelUserId)
        return { kind: "invalid", message: `The user id is missing. ${USAGE.history}` };
      const command: HistoryCommand = {
        kind: "history",
        channelUserId,
        page: 1,
        limit: DEFAULT_LIMIT,
        public: wantsPublic,
      };
      for (let i = 0; i < options.length; i += 2) {
        const key = (options[i] as string).toLowerCase();
        const value = options[i + 1];
        if (value === undefined)
          return {
            kind: "invalid",
            message: `${echo(options[i] as string)} needs a value. ${USAGE.history}`,
          };
        if (key === "since" || key === "until") {
          const time = parseTime(value, now);
          if (time === undefined) {
            return {
              kind: "invalid",
              message: `${echo(`${key} ${value}`)}: give a duration like 7d or 24h, or a date like 2024-01-31. ${USAGE.history}`,
            };
          }
          command[key] = time;
        } else if (key === "page" || key === "limit") {
          const n = positive(value, key === "page" ? 100_000 : MAX_LIMIT);
          if (n === undefined) {
            const range =
              key === "page" ? "a whole number from 1" : `a whole number from 1 to ${MAX_LIMIT}`;
            return {
              kind: "invalid",
              message: `${echo(`${key} ${value}`)}: ${key} must be ${range}. ${USAGE.history}`,
            };
          }
          command[key] = n;
        } else {
          return {
            kind: "invalid",
            message: `${echo(options[i] as string)} is not an option of history. ${USAGE.history}`,
          };
        }
      }
      if (
        command.since !== undefined &&
        command.until !== undefined &&
        command.since >= command.until
      ) {
        return { kind: "invalid", message: `\`since\` must be before \`until\`. ${USAGE.history}` };
      }
      return command;
    }
    default:
      return { kind: "invalid", message: `${echo(verb as string)} is not a command. ${USAGE.all}` };
  }
}

/**
 * A token {@link tokenize} reads back as it is: quoted when it is empty or holds a space or a
 * quote. Inside quotes only `\"` is an escape, so trailing backslashes go after the closing quote
 * (outside quotes a backslash is plain), where they cannot swallow it.
 */
export function commandToken(text: string): string {
  if (text !== "" && !/[\s"]/.test(text)) return text;
  // Counted by hand: `/\\+$/` tries every start in a run of backslashes, quadratic in its length.
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 92) end--;
  const body = text.slice(0, end);
  return `"${body.split('"').join('\\"')}"${text.slice(end)}`;
}

/**
 * A history command as text that {@link parseCommand} reads back to the same command, times as
 * ISO dates to the millisecond (so a pinned window stays pinned); `limit` only when not the
 * default, `public` never (each reader chooses).
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
