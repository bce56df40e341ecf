/**
 * Rate-limit facts from an answer's headers. MyBOT (a white-label of Engati) documents none, so
 * when it or a gateway sends some we read every common spelling rather than guess one:
 * `Retry-After` (RFC 9110 section 10.2.3), `X-RateLimit-*`, `X-Rate-Limit-*`, and the fields of
 * each draft of https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/.
 * The server is untrusted: junk is dropped, never thrown on, and every step is linear, so a
 * megabyte of hostile header costs a scan, not a hang.
 *
 * @module
 */

import { parseRetryAfter } from "./retry.ts";

/** Rate-limit facts of an answer, parsed from its headers. All durations in ms, relative to when the answer was read. */
export interface RateLimitFacts {
  /** Requests allowed per window. */
  limit?: number | undefined;
  /** Requests left in the current window. */
  remaining?: number | undefined;
  /** Milliseconds until the window resets (remaining goes back to limit). */
  resetMs?: number | undefined;
  /** The window length in ms, when a policy header says it. */
  windowMs?: number | undefined;
  /** The wait `Retry-After` asked for, in ms. */
  retryAfterMs?: number | undefined;
}

type Facts = Omit<RateLimitFacts, "retryAfterMs">;

const MAX = Number.MAX_SAFE_INTEGER;
/** GitHub-style resets are epoch seconds; no sane delta is 31 years long. */
const EPOCH_SECONDS = 1e9;

/** A finite non-negative decimal, capped; signs, exponents and trailing junk are refused. */
function toNumber(text: string | null | undefined): number | undefined {
  if (text == null) return undefined;
  const trimmed = text.trim();
  // Anchored, no nested quantifiers: linear on a hostile megabyte.
  if (!/^\d+(?:\.\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? Math.min(value, MAX) : undefined;
}

const count = (text: string | null | undefined) => {
  const value = toNumber(text);
  return value === undefined ? undefined : Math.floor(value);
};
const ms = (value: number) => Math.min(Math.round(value), MAX);
const seconds = (text: string | null | undefined) => {
  const value = toNumber(text);
  return value === undefined ? undefined : ms(value * 1000);
};

/** Real fields have a handful of list members and parameters; more is noise or an attack. */
const MAX_PARTS = 32;

/**
 * The first {@link MAX_PARTS} pieces of `text` split on `separator` outside quoted strings (so a
 * policy named "a,b" stays whole). Stopping early keeps a megabyte of commas from costing a
 * million allocations.
 */
function split(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length && parts.length < MAX_PARTS; i++) {
    const char = text[i];
    if (quoted && char === "\\") i++;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && char === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (parts.length < MAX_PARTS) parts.push(text.slice(start));
  return parts;
}

/** A structured-field list member: its bare item and its `;key=value` parameters (first wins). */
function parseMember(text: string): { item: string; params: Map<string, string> } {
  const [item = "", ...rest] = split(text, ";");
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf("=");
    const key = (eq === -1 ? param : param.slice(0, eq)).trim().toLowerCase();
    if (!params.has(key)) params.set(key, eq === -1 ? "" : param.slice(eq + 1));
  }
  return { item: item.trim(), params };
}

/** `100`, or older drafts' `100, 100;w=60, 1000;w=3600`: the policy quoting the limit gives the window. */
function readLimitList(value: string | null): Facts {
  if (value === null) return {};
  const members = split(value, ",").map(parseMember);
  const limit = count(members[0]?.item);
  const windowed = members.filter((member) => member.params.has("w"));
  const policy = windowed.find((member) => count(member.item) === limit) ?? windowed[0];
  return { limit, windowMs: seconds(policy?.params.get("w")) };
}

/** `X-RateLimit-*`, `X-Rate-Limit-*` or draft `RateLimit-*`; only the X- families use epoch resets. */
function readFamily(headers: Headers, prefix: string, now?: number): Facts {
  const reset = toNumber(headers.get(`${prefix}reset`));
  const epoch = reset !== undefined && now !== undefined && reset >= EPOCH_SECONDS;
  return {
    ...readLimitList(headers.get(`${prefix}limit`)),
    remaining: count(headers.get(`${prefix}remaining`)),
    resetMs:
      reset === undefined ? undefined : ms(epoch ? Math.max(0, reset * 1000 - now) : reset * 1000),
  };
}

/** Draft-07 dictionary `limit=100, remaining=50, reset=30`, or draft-08+ `"default";r=50;t=30`. */
function readCombined(value: string | null): Facts {
  if (value === null) return {};
  const members = split(value, ",").map(parseMember);
  // Draft-07 members are `key=value` items; a draft-08 policy name has no "=".
  const dictionary = new Map<string, string>();
  for (const { item } of members) {
    const eq = item.indexOf("=");
    const key = item.slice(0, Math.max(eq, 0)).trim().toLowerCase();
    if (eq > 0 && !dictionary.has(key)) dictionary.set(key, item.slice(eq + 1));
  }
  if (["limit", "remaining", "reset"].some((key) => dictionary.has(key))) {
    return {
      limit: count(dictionary.get("limit")),
      remaining: count(dictionary.get("remaining")),
      resetMs: seconds(dictionary.get("reset")),
    };
  }
  const params = members[0]?.params;
  return { remaining: count(params?.get("r")), resetMs: seconds(params?.get("t")) };
}

/** Draft-08+ `"default";q=100;w=60`, or draft-07 `100;w=60` where the item is the quota. */
function readPolicy(value: string | null): Facts {
  if (value === null) return {};
  const first = parseMember(split(value, ",")[0] ?? "");
  return {
    limit: count(first.params.get("q") ?? first.item),
    windowMs: seconds(first.params.get("w")),
  };
}

/**
 * The rate-limit facts an answer's headers carry, or undefined when they carry none. Field by
 * field, the IETF headers win over the X- ones (newest draft first); `now` anchors HTTP-dates
 * and epoch resets.
 *
 * @example
 * ```ts
 * readRateLimit(new Headers({ "RateLimit-Policy": '"default";q=100;w=60', RateLimit: '"default";r=50;t=30' }));
 * // { limit: 100, remaining: 50, resetMs: 30000, windowMs: 60000 }
 * ```
 */
export function readRateLimit(headers: Headers, now = Date.now()): RateLimitFacts | undefined {
  const sources: Facts[] = [
    readCombined(headers.get("ratelimit")),
    readPolicy(headers.get("ratelimit-policy")),
    readFamily(headers, "ratelimit-"),
    readFamily(headers, "x-ratelimit-", now),
    readFamily(headers, "x-rate-limit-", now),
  ];
  const pick = (key: keyof Facts) => sources.find((source) => source[key] !== undefined)?.[key];
  // parseRetryAfter turns 400 digits into Infinity; an untrusted server gets no such wait.
  const retryAfter = parseRetryAfter(headers.get("retry-after"), now);
  const facts: RateLimitFacts = {
    limit: pick("limit"),
    remaining: pick("remaining"),
    resetMs: pick("resetMs"),
    windowMs: pick("windowMs"),
    retryAfterMs:
      retryAfter !== undefined && Number.isFinite(retryAfter) ? ms(retryAfter) : undefined,
  };
  // Absent keys rather than undefined ones keep toEqual and JSON output clean.
  const found = Object.entries(facts).filter(([, value]) => value !== undefined);
  return found.length > 0 ? (Object.fromEntries(found) as RateLimitFacts) : undefined;
}
