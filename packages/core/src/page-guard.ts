/**
 * Keeps the history walks finite whatever a server claims. A walk ends when the server says the
 * pages ended, so a server that ignores `page_number` (the same page whatever is asked), repeats a
 * page, or claims one more full page forever would be read without end (issue 11). Two guards:
 * a page with the same messages as another page of the same walk stops it (unless its messages
 * all sit at one instant, which honest pages can repeat), and no page past a cap
 * (`maxHistoryPages`) is ever read: the page just past it is asked for only to see that it is
 * empty, so that a history of exactly the cap in full pages still reads.
 *
 * @module
 */
import { createMyBotError, type MyBotApiError } from "./errors.ts";
import { mix } from "./fingerprint.ts";
import type { ChatHistoryPage } from "./types.ts";

/**
 * The default `maxHistoryPages`: 5,000,000 messages at the server's default page size of 500,
 * and a walk's worth of requests a service can afford to waste on a lying server.
 */
export const DEFAULT_MAX_HISTORY_PAGES = 10_000;

/**
 * A cheap identity of a page's content: its count, the instants of both ends, a 32-bit hash of
 * every message's id, and one of every instant and text length. An id is the vendor's, or a
 * fingerprint of the message's sender, type, text, file and instant (fingerprint.ts), so two
 * pages match only when they hold the same messages, and the texts need no second hashing. Two
 * honest pages can only match when the history holds a page's worth of identical messages at
 * identical instants twice over, which a vendor id (when sent) rules out, and which
 * {@link guardPages} does not take for a repeat.
 *
 * @example
 * ```ts
 * pageFingerprint(page) === pageFingerprint(samePageAgain); // true
 * ```
 */
export function pageFingerprint(page: ChatHistoryPage): string {
  const messages = page.messages;
  let ids = 0x811c9dc5;
  let times = 0x811c9dc5;
  for (const message of messages) {
    ids = mix(ids, message.id);
    times = Math.imul(times ^ (message.timestamp % 0x100000000), 0x01000193);
    times = Math.imul(times ^ message.text.length, 0x01000193);
  }
  const ends = `${messages[0]?.timestamp}:${messages[messages.length - 1]?.timestamp}`;
  return `${messages.length}:${ends}:${(ids >>> 0).toString(36)}:${(times >>> 0).toString(36)}`;
}

/**
 * The error of a server whose pages go on past the cap.
 *
 * @example
 * ```ts
 * throw pastTheCap(10_000);
 * ```
 */
export function pastTheCap(cap: number): MyBotApiError {
  return createMyBotError({
    kind: "invalid_response",
    message: `MyBOT claimed more pages past the cap of ${cap} pages (maxHistoryPages): raise it if this history is really that long`,
  });
}

/** Fetches one page of a walk's window. */
export type PageFetcher = (pageNumber: number, pageSize: number) => Promise<ChatHistoryPage>;

/**
 * True when every message of the page sits at one instant. Only such pages can match honestly:
 * a history is in time order, so two pages with the same instants at both ends hold one instant
 * between them; and ids made for identical messages at one instant are numbered per page
 * (mapping.ts), so a run of them split across pages gives pages with the same ids.
 */
function atOneInstant(page: ChatHistoryPage): boolean {
  const instant = page.messages[0]?.timestamp;
  return page.messages.every((message) => message.timestamp === instant);
}

/**
 * `fetchPage` for one walk: refuses page numbers past `cap + 1` and messages on page `cap + 1`,
 * and stops the walk when a page holds the same messages as another page number of the walk.
 * Empty pages are not compared (every page past the end is empty), nor pages at one instant
 * (an honest run of identical messages gives such pages): a server that ignores `page_number`
 * with such a page 1, a single message at page size 1 for one, is stopped by the cap instead.
 *
 * @example
 * ```ts
 * const page = guardPages((n, size) => client.getChatHistory(id, { pageNumber: n, pageSize: size }), 10_000);
 * await page(2, 500); // throws when page 2 is page 1 again
 * ```
 */
export function guardPages(fetchPage: PageFetcher, cap: number): PageFetcher {
  const seen = new Map<string, number>();
  return async (pageNumber, pageSize) => {
    if (pageNumber > cap + 1) throw pastTheCap(cap);
    const page = await fetchPage(pageNumber, pageSize);
    if (page.messages.length === 0) return page;
    if (pageNumber > cap) throw pastTheCap(cap);
    if (atOneInstant(page)) return page;
    const print = pageFingerprint(page);
    const earlier = seen.get(print);
    if (earlier !== undefined && earlier !== pageNumber) {
      throw createMyBotError({
        kind: "invalid_response",
        message: `MyBOT answered page ${pageNumber} with the same messages as page ${earlier}: it seems to ignore page_number`,
      });
    }
    seen.set(print, pageNumber);
    return page;
  };
}
