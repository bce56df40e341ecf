/**
 * Chronological reading of a chat history whatever order the server pages it in
 * (contracts/openapi/mybot.yaml `getChatHistory`: most likely newest first, not confirmed).
 * The order is read from the timestamps: the order of the pages from comparing page 1 with
 * page 2, and the order of the messages within each page from that page itself, so a server
 * that pages newest first but lists each page oldest first reads right too. The window's end
 * is pinned for one walk so that
 * messages arriving meanwhile cannot shift the pages. Oldest-first servers are read forward;
 * newest-first servers from their last page back, each page reversed: memory stays about one
 * page either way, and the last page is found from page metadata or, without it, by a
 * logarithmic number of probes. Every walk goes through page-guard.ts, so that a server that
 * ignores `page_number`, repeats pages or claims pages forever ends it with an error. With
 * `prefetch`, the walk asks for the pages it will read next before handing a page over
 * (prefetch.ts), only those it knows exist or, forward, that the full page just read announces.
 *
 * @module
 */
import { DEFAULT_MAX_HISTORY_PAGES, guardPages } from "./page-guard.ts";
import { createPrefetcher, type WalkPageFetcher } from "./prefetch.ts";
import type {
  ChatHistoryChunk,
  ChatHistoryPage,
  ChatMessage,
  HistoryOrder,
  HistoryResume,
  LatestMessages,
} from "./types.ts";

/** Pages of one pinned window, and what the client knows of the server's order. */
export interface HistorySource {
  /** `signal`, when given, replaces the caller's: it carries the caller's abort too. */
  page: WalkPageFetcher;
  knownOrder(): HistoryOrder | undefined;
  remember(order: HistoryOrder): void;
}

/** A source for one walk: its pages guarded, and the cap they were guarded with. */
interface GuardedSource extends HistorySource {
  cap: number;
}

/** `source` for one walk, its pages guarded (see page-guard.ts). */
function guarded(source: HistorySource, cap: number): GuardedSource {
  return { ...source, page: guardPages((n, size) => source.page(n, size), cap), cap };
}

/** Messages oldest first; `.pages()` for chunks whose `next` lets a caller resume. */
export interface ChatHistoryIterable extends AsyncIterable<ChatMessage> {
  pages(): AsyncIterable<ChatHistoryChunk>;
}

const isFull = (page: ChatHistoryPage) => page.messages.length >= page.pagination.pageSize;
const isLast = (page: ChatHistoryPage) => !page.pagination.hasNextPage || !isFull(page);
/** A page's messages oldest first: by the page's own timestamps, else in the pages' order. */
const chronological = (page: ChatHistoryPage, pagesOrder: HistoryOrder) =>
  (page.order ?? pagesOrder) === "newest-first" ? page.messages.slice().reverse() : page.messages;

/** The order of two consecutive pages, when their instants do not overlap. */
function orderAcross(a: ChatHistoryPage, b: ChatHistoryPage): HistoryOrder | undefined {
  const ends = (p: ChatHistoryPage) => {
    const x = p.messages[0]?.timestamp as number;
    const y = p.messages[p.messages.length - 1]?.timestamp as number;
    return x < y ? [x, y] : [y, x];
  };
  if (a.messages.length === 0 || b.messages.length === 0) return undefined;
  const [aMin, aMax] = ends(a) as [number, number];
  const [bMin, bMax] = ends(b) as [number, number];
  if (bMin >= aMax && bMax > aMin) return "oldest-first";
  if (bMax <= aMin && bMin < aMax) return "newest-first";
  return undefined;
}

/**
 * The last page the metadata of page 1 claims, when the walk may ask for it: a claim past the cap
 * is treated as no claim (found by probing instead), so that a forward walk still yields every
 * page up to the cap, and a wrong `totalPages` costs probes, not the walk.
 */
function claimedLastPage(first: ChatHistoryPage, cap: number): number | undefined {
  const claimed = first.pagination.totalPages;
  return claimed !== undefined && claimed > 1 && claimed <= cap ? claimed : undefined;
}

/**
 * The order of the pages of a window whose first page is full: known (configured or learnt), or
 * read from page 1 against page 2; when those overlap in time, page 1's own order; when every
 * message so far is at one instant, the pages after are read until one at another instant shows
 * it, or the window ends (then either order reads the same).
 */
async function orderOfWindow(
  source: GuardedSource,
  first: ChatHistoryPage,
): Promise<{ order: HistoryOrder; second?: ChatHistoryPage }> {
  const known = source.knownOrder();
  if (known) return { order: known };
  // With page metadata the last page serves both: it shows the order, and either walk needs it.
  const other = claimedLastPage(first, source.cap) ?? 2;
  const second = await source.page(other, first.pagination.pageSize);
  const shown = orderAcross(first, second) ?? first.order;
  if (shown) {
    source.remember(shown);
    return { order: shown, second };
  }
  const instant = first.messages[0]?.timestamp;
  for (let n = other, page = second; ; page = await source.page(++n, first.pagination.pageSize)) {
    const other = page.messages.find((m) => m.timestamp !== instant);
    if (other && instant !== undefined) {
      const order = other.timestamp > instant ? "oldest-first" : "newest-first";
      source.remember(order);
      return { order, second };
    }
    if (isLast(page)) return { order: "oldest-first", second };
  }
}

/**
 * The last non-empty page of a window whose page 1 is full: from the metadata when the server
 * sends it (and it holds), else by doubling, then bisecting, the page number. Doubling stops just
 * past the cap, where the guard refuses any message.
 */
async function findLastPage(
  source: GuardedSource,
  first: ChatHistoryPage,
  seen?: ChatHistoryPage,
): Promise<ChatHistoryPage> {
  const size = first.pagination.pageSize;
  if (seen && seen.messages.length > 0 && isLast(seen)) return seen;
  const claimed = claimedLastPage(first, source.cap);
  if (claimed !== undefined && claimed !== seen?.pagination.pageNumber) {
    const page = await source.page(claimed, size);
    if (page.messages.length > 0 && isLast(page)) return page;
  }
  let low = first;
  if (seen && seen.messages.length > 0 && seen.pagination.pageNumber > 1) low = seen;
  let high: number;
  for (;;) {
    high = Math.min(low.pagination.pageNumber * 2, source.cap + 1);
    const page = await source.page(high, size);
    if (page.messages.length === 0) break;
    if (isLast(page)) return page;
    low = page;
  }
  while (high - low.pagination.pageNumber > 1) {
    const middle = (low.pagination.pageNumber + high) >> 1;
    const page = await source.page(middle, size);
    if (page.messages.length === 0) high = middle;
    else if (isLast(page)) return page;
    else low = page;
  }
  return low;
}

/**
 * The pages to request ahead of page `at` (number `pageNumber`), next first: up to `count` of
 * them, none the walk knows does not exist. Backward, every page down to 1 exists. Forward, the
 * next one exists only if `at` is full and not the last, and none past the last page its
 * metadata claims, or past the cap (where the page just past it is asked for, to see it empty);
 * `held`, a page already read, counts as one of them and is not asked for again.
 */
function pagesAhead(
  order: HistoryOrder,
  at: ChatHistoryPage,
  pageNumber: number,
  count: number,
  cap: number,
  held: ChatHistoryPage | undefined,
): number[] {
  const ahead: number[] = [];
  if (order === "newest-first") {
    for (let n = pageNumber - 1; n >= 1 && ahead.length < count; n--) ahead.push(n);
    return ahead;
  }
  if (isLast(at)) return ahead;
  const claimed = at.pagination.totalPages;
  const last = claimed !== undefined && claimed <= cap ? claimed : cap + 1;
  for (let n = pageNumber + 1; n <= Math.min(last, pageNumber + count); n++) {
    if (held?.pagination.pageNumber !== n) ahead.push(n);
    else if (isLast(held)) break;
  }
  return ahead;
}

/**
 * A chronological walk of one window.
 *
 * @example
 * ```ts
 * const history = createHistoryIterable(source, { pageSize: 500, startDate: null, endDate: Date.now() });
 * for await (const message of history) console.log(message.text);
 * ```
 */
export function createHistoryIterable(
  unguarded: HistorySource,
  options: {
    pageSize: number;
    startDate: number | null;
    endDate: number;
    resume?: HistoryResume | undefined;
    maxPages?: number | undefined;
    /** No page past this one is asked for; see page-guard.ts. */
    maxHistoryPages?: number | undefined;
    /** At most this many pages requested ahead of the one handed over (default 0). */
    prefetch?: number | undefined;
    /** The caller's signal: it aborts the requests made ahead too. */
    signal?: AbortSignal | undefined;
  },
): ChatHistoryIterable {
  const { pageSize, startDate, endDate } = options;
  const resumeAt = (order: HistoryOrder, page: number): HistoryResume => ({
    startDate,
    endDate,
    order,
    page,
    pageSize,
  });

  async function* walk(): AsyncGenerator<ChatHistoryChunk> {
    const cap = options.maxHistoryPages ?? DEFAULT_MAX_HISTORY_PAGES;
    const prefetch = options.prefetch ?? 0;
    // Under the guard, so that pages are checked as the walk takes them (see prefetch.ts).
    const early = createPrefetcher(unguarded.page, prefetch, options.signal);
    const source = guarded({ ...unguarded, page: early.page }, cap);
    let order: HistoryOrder;
    let pageNumber: number;
    let held: ChatHistoryPage | undefined;
    // Chunks handed over: none past `maxPages`, and nothing asked for past it.
    const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
    let handed = 0;
    /** Called as page `at` is handed over: asks for the pages after it, while the caller works. */
    const handOver = (order: HistoryOrder, page: ChatHistoryPage, at: number) => {
      const count = Math.min(prefetch, maxPages - handed - 1);
      if (count > 0) early.ahead(pagesAhead(order, page, at, count, cap, held), pageSize);
      handed++;
    };
    try {
      if (options.resume) {
        ({ order, page: pageNumber } = options.resume);
      } else {
        const first = await source.page(1, pageSize);
        if (isLast(first)) {
          const order = source.knownOrder() ?? "oldest-first";
          yield { messages: chronological(first, order), pageNumber: 1, next: null };
          return;
        }
        const found = await orderOfWindow(source, first);
        order = found.order;
        if (order === "oldest-first") {
          held = found.second;
          handOver(order, first, 1);
          yield { messages: chronological(first, order), pageNumber: 1, next: resumeAt(order, 2) };
          pageNumber = 2;
        } else {
          held = await findLastPage(source, first, found.second);
          pageNumber = held.pagination.pageNumber;
        }
      }
      // The cap is checked here rather than by a generator around the walk, which would cost
      // each chunk a few more ticks; leaving the loop closes the prefetcher like a `return`.
      for (; pageNumber >= 1 && handed < maxPages; ) {
        const reuse = held?.pagination.pageNumber === pageNumber;
        const page = reuse && held ? held : await source.page(pageNumber, pageSize);
        if (reuse) held = undefined;
        handOver(order, page, pageNumber);
        if (order === "oldest-first") {
          const done = isLast(page);
          yield {
            messages: chronological(page, order),
            pageNumber,
            next: done ? null : resumeAt(order, pageNumber + 1),
          };
          if (done) return;
          pageNumber++;
        } else {
          yield {
            messages: chronological(page, order),
            pageNumber,
            next: pageNumber > 1 ? resumeAt(order, pageNumber - 1) : null,
          };
          pageNumber--;
        }
      }
    } finally {
      // A walk that ended, failed or was left (break, return) leaves no request running.
      early.close();
    }
  }

  return {
    pages: walk,
    async *[Symbol.asyncIterator]() {
      for await (const chunk of walk()) yield* chunk.messages;
    },
  };
}

/**
 * The newest messages of a window, `count` at a time counted back from the newest: one request
 * on a newest-first server, at most three on an oldest-first one that sends page metadata, and a
 * logarithmic number on one without.
 *
 * @example
 * ```ts
 * const latest = await readLatest(source, { count: 20, page: 1, endDate: Date.now() });
 * ```
 */
export async function readLatest(
  unguarded: HistorySource,
  options: { count: number; page: number; endDate: number; maxHistoryPages?: number | undefined },
): Promise<LatestMessages> {
  const { count, page, endDate } = options;
  const source = guarded(unguarded, options.maxHistoryPages ?? DEFAULT_MAX_HISTORY_PAGES);
  let requests = 0;
  const cache = new Map<number, ChatHistoryPage>();
  const fetchPage = async (n: number) => {
    const cached = cache.get(n);
    if (cached) return cached;
    requests++;
    const fetched = await source.page(n, count);
    cache.set(n, fetched);
    return fetched;
  };
  const result = (messages: ChatMessage[], hasOlder: boolean, totalMessages?: number) => ({
    messages,
    page,
    count,
    endDate,
    hasOlder,
    totalMessages,
    requests,
  });

  if (source.knownOrder() === "newest-first") {
    const wanted = await fetchPage(page);
    return result(
      chronological(wanted, "newest-first"),
      !isLast(wanted),
      wanted.pagination.totalMessages,
    );
  }
  const first = await fetchPage(1);
  if (isLast(first)) {
    // The whole window is one page.
    const all = chronological(first, source.knownOrder() ?? "oldest-first");
    const end = all.length - (page - 1) * count;
    return result(
      all.slice(Math.max(0, end - count), Math.max(0, end)),
      end - count > 0,
      all.length,
    );
  }
  const counted: GuardedSource = { ...source, page: (n: number) => fetchPage(n) };
  const { order, second } = await orderOfWindow(counted, first);
  if (order === "newest-first") {
    const wanted = await fetchPage(page);
    return result(chronological(wanted, order), !isLast(wanted), wanted.pagination.totalMessages);
  }
  let total = first.pagination.totalMessages;
  if (total === undefined) {
    const last = await findLastPage(counted, first, second);
    total = (last.pagination.pageNumber - 1) * count + last.messages.length;
  }
  // Positions counted from the oldest: [start, end).
  const end = total - (page - 1) * count;
  const start = Math.max(0, end - count);
  if (end <= 0) return result([], false, total);
  const messages: ChatMessage[] = [];
  for (let n = Math.floor(start / count) + 1; (n - 1) * count < end; n++) {
    const fetched = chronological(await fetchPage(n), order);
    const from = (n - 1) * count;
    messages.push(...fetched.slice(Math.max(0, start - from), end - from));
  }
  return result(messages, start > 0, total);
}
