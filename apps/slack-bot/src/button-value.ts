/**
 * What a transcript button carries: a history page to show (user, pinned window, page, size),
 * in Slack's 2,000-character button `value`. The value is sent to Slack and comes back in a
 * `block_actions` payload, so it is authenticated: an HMAC-SHA256 (cut to 128 bits) with the
 * signing secret, under a label of its own so it can never pass for a request signature. A value
 * edited on the way, made with another secret (rotated since) or by another version, or older
 * than {@link MAX_BUTTON_AGE_MS} is refused with a reason the app turns into a sentence. A value
 * is also bound to the channel whose command made it: pressed in another channel's message, it
 * is refused as tampered, so a value cannot carry a transcript to where it was not asked for.
 *
 * Layout: `v2.<mac 22>.<flags>|<page>|<limit>|<since>|<until>|<issued>|<channel>|<user id>`,
 * numbers in base 36 (times in ms, issued in seconds), the id last and as typed, so it needs no
 * escaping. Every value is bound to a channel: one without is not made, and not taken.
 *
 * @module
 */
import { type HistoryCommand, MAX_LIMIT, MAX_PAGE } from "./command.ts";
import { hmacKey } from "./hmac-key.ts";

/** Slack's limit for a button's value. */
export const MAX_BUTTON_VALUE_CHARS = 2000;
/** Past this a button is stale: a week covers a support case, and the window is pinned anyway. */
export const MAX_BUTTON_AGE_MS = 7 * 86_400_000;
const VERSION = "v2.";
const MAC_CHARS = 22;
const LABEL = "mybot-slack-button\n";
/** Slack's channel ids (`C0…`, `D0…`, `G0…`) are short and plain; anything else gets no button. */
const CHANNEL = /^[A-Za-z0-9_-]{1,32}$/;
/** What the fields but the id take at most: the rest of the 2,000 is the id's. */
const FIELDS_CHARS = VERSION.length + MAC_CHARS + 1 + 50 + 33;
export const MAX_BUTTON_ID_CHARS = MAX_BUTTON_VALUE_CHARS - FIELDS_CHARS;

/**
 * The page a button opens; `until` undefined pins the window when pressed (the card's button).
 * `channelId` is the channel the value is bound to (no value is made without one).
 */
export type HistoryTarget = Pick<
  HistoryCommand,
  "channelUserId" | "since" | "until" | "page" | "limit" | "public"
> & { channelId?: string | undefined };

export type ButtonValueProblem = "unreadable" | "tampered" | "stale";

const encoder = new TextEncoder();
async function mac(secret: string, body: string): Promise<string> {
  const bytes = new Uint8Array(
    await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(LABEL + body)),
  );
  const base64 = btoa(String.fromCharCode(...bytes.subarray(0, 16)));
  return base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Same length strings compared without stopping at the first difference. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length && i < b.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const b36 = (n: number | undefined) => (n === undefined ? "" : n.toString(36));

/**
 * The signed value, bound to `target.channelId`, or undefined when the id is too long to fit or
 * the channel is not a Slack channel id (no button then).
 *
 * @example
 * ```ts
 * await encodeButtonValue(secret, { channelUserId: "919812345678", until: Date.now(), page: 2, limit: 20, public: false, channelId: "C0SUPPORT" });
 * // "v2.Xb3…Q.-|2|k||lx8…|t2x…|C0SUPPORT|919812345678"
 * ```
 */
export async function encodeButtonValue(
  secret: string,
  target: HistoryTarget,
  nowMs = Date.now(),
): Promise<string | undefined> {
  const channel = target.channelId ?? "";
  if (target.channelUserId.length > MAX_BUTTON_ID_CHARS || !CHANNEL.test(channel)) return undefined;
  const body = [
    target.public ? "p" : "-",
    b36(target.page),
    b36(target.limit),
    b36(target.since),
    b36(target.until),
    b36(Math.floor(nowMs / 1000)),
    channel,
    target.channelUserId,
  ].join("|");
  return `${VERSION}${await mac(secret, body)}.${body}`;
}

/** A base-36 whole number within bounds, or undefined; "" is `empty`. */
function whole(text: string, min: number, max: number): number | undefined {
  if (!/^[0-9a-z]{1,12}$/.test(text)) return undefined;
  const n = Number.parseInt(text, 36);
  return n >= min && n <= max ? n : undefined;
}

/**
 * The page a value opens, or why not. Any string is safe to pass: it never throws. Given the
 * channel the press came from, a value bound to another channel is `tampered`.
 *
 * @example
 * ```ts
 * const decoded = await decodeButtonValue(secret, action.value, Date.now(), payload.channel.id);
 * if ("problem" in decoded) reply(buttonProblemSentence(decoded.problem));
 * ```
 */
export async function decodeButtonValue(
  secret: string,
  value: unknown,
  nowMs = Date.now(),
  pressedIn?: string,
): Promise<{ target: HistoryTarget } | { problem: ButtonValueProblem }> {
  if (typeof value !== "string" || value.length > MAX_BUTTON_VALUE_CHARS)
    return { problem: "unreadable" };
  // Another version's value: made before an upgrade, so stale rather than unreadable.
  if (/^v\d+\./.test(value) && !value.startsWith(VERSION)) return { problem: "stale" };
  if (!value.startsWith(VERSION) || value.charAt(VERSION.length + MAC_CHARS) !== ".")
    return { problem: "unreadable" };
  const body = value.slice(VERSION.length + MAC_CHARS + 1);
  const given = value.slice(VERSION.length, VERSION.length + MAC_CHARS);
  if (!sameText(given, await mac(secret, body))) return { problem: "tampered" };
  // Signed by us, so well formed unless a bug made it; checked all the same.
  const fields = body.split("|");
  if (fields.length < 8) return { problem: "unreadable" };
  const [flags, page, limit, since, until, issued, channelId] = fields as [string, ...string[]];
  const channelUserId = fields.slice(7).join("|");
  const target: HistoryTarget = {
    channelUserId,
    public: flags === "p",
    page: whole(page as string, 1, MAX_PAGE) ?? 0,
    limit: whole(limit as string, 1, MAX_LIMIT) ?? 0,
    since: since ? (whole(since, 0, 8.64e15) ?? -1) : undefined,
    until: until ? (whole(until, 0, 8.64e15) ?? -1) : undefined,
  };
  const issuedMs = (whole(issued as string, 0, 8.64e12) ?? -1) * 1000;
  if (
    !channelUserId ||
    !channelId ||
    target.page === 0 ||
    target.limit === 0 ||
    target.since === -1 ||
    target.until === -1 ||
    issuedMs < 0
  )
    return { problem: "unreadable" };
  if (nowMs - issuedMs > MAX_BUTTON_AGE_MS || issuedMs - nowMs > 5 * 60_000)
    return { problem: "stale" };
  if (pressedIn !== undefined && channelId !== pressedIn) return { problem: "tampered" };
  target.channelId = channelId;
  return { target };
}
