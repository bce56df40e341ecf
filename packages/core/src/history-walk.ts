/**
 * Chronological reading of a chat history whatever order the server pages it in
 * (contracts/openapi/mybot.yaml `getChatHistory`: most likely newest first, not confirmed).
 * The order is read from the timestamps; the window's end is pinned for one walk so that
 * messages arriving meanwhile cannot shift the pages. Oldest-first servers are read forward;
 * newest-first servers from their last page back, each page reversed: memory stays about one
 * page either way, and the last page is found from page metadata or, without it, by a
 * logarithmic number of probes.
 *
 * @module
 */
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
  page(pageNumber: number, pageSize: number): Promise<ChatHistoryPage>;
  knownOrder(): HistoryOrder | undefined;
  remember(order: HistoryOrder): void;
}

/** Messages oldest first; `.pages()` for chunks whose `next` lets a caller resume. */
export interface ChatHistoryIterable extends AsyncIterable<ChatMessage> {
  pages(): AsyncIterable<ChatHistoryChunk>;
}

const isFull = (page: ChatHistoryPage) => page.messages.length >= page.pagination.pageSize;
const isLast = (page: ChatHistoryPage) => !page.pagination.hasNextPage || !isFull(page);
const chronological = (page: ChatHistoryPage, order: HistoryOrder) =>
  order === "newest-first" ? page.messages.slice().reverse() : page.messages;

/**
 * The order of a window whose first page is full. The page's own timestamps tell unless they are
 * all equal; then the pages after it are read until a message at another instant shows the
 * order, or the window ends (every message at one instant: either order reads the same).
 */
async function orderOfWindow(
  source: HistorySource,
  first: ChatHistoryPage,
): Promise<{ order: HistoryOrder; second?: ChatHistoryPage }> {
  // The page's own evidence first: a remembered or configured order only fills in when the
  // timestamps cannot tell.
  const known = first.order ?? source.knownOrder();
  if (known) {
    source.remember(known);
    return { order: known };
  }
  const instant = first.messages[0]?.timestamp;
  let second: ChatHistoryPage | undefined;
  for (let n = 2; ; n++) {
    const page = await source.page(n, first.pagination.pageSize);
    if (n === 2) second = page;
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
 * sends it (and it holds), else by doubling, then bisecting, the page number.
 */
export async function findLastPage(
  source: HistorySource,
  first: ChatHistoryPage,
  seen?: ChatHistoryPage,
): Promise<ChatHistoryPage> {
  const size = first.pagination.pageSize;
  const claimed = first.pagination.totalPages;
  if (claimed !== undefined && claimed >= 1) {
    const page = claimed === 1 ? first : await source.page(claimed, size);
    if (page.messages.length > 0 && isLast(page)) return page;
  }
  let low = first;
  if (seen && seen.messages.length > 0) {
    if (isLast(seen)) return seen;
    low = seen;
  }
  let high = low.pagination.pageNumber * 2;
  for (;;) {
    const page = await source.page(high, size);
    if (page.messages.length === 0) break;
    if (isLast(page)) return page;
    low = page;
    high *= 2;
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
 * A chronological walk of one window.
 *
 * @example
 * ```ts
 * const history = createHistoryIterable(source, { pageSize: 500, endDate: Date.now() });
 * for await (const message of history) console.log(message.text);
 * ```
 */
export function createHistoryIterable(
  source: HistorySource,
  options: {
    pageSize: number;
    endDate: number;
    resume?: HistoryResume | undefined;
    maxPages?: number | undefined;
  },
): ChatHistoryIterable {
  const { pageSize, endDate } = options;
  const resumeAt = (order: HistoryOrder, page: number): HistoryResume => ({
    endDate,
    order,
    page,
    pageSize,
  });

  async function* walk(): AsyncGenerator<ChatHistoryChunk> {
    let order: HistoryOrder;
    let pageNumber: number;
    let held: ChatHistoryPage | undefined;
    if (options.resume) {
      ({ order, page: pageNumber } = options.resume);
    } else {
      const first = await source.page(1, pageSize);
      if (isLast(first)) {
        if (first.order) source.remember(first.order);
        const order = first.order ?? source.knownOrder() ?? "oldest-first";
        yield { messages: chronological(first, order), pageNumber: 1, next: null };
        return;
      }
      const found = await orderOfWindow(source, first);
      order = found.order;
      if (order === "oldest-first") {
        yield { messages: first.messages, pageNumber: 1, next: resumeAt(order, 2) };
        held = found.second;
        pageNumber = 2;
      } else {
        held = await findLastPage(source, first, found.second);
        pageNumber = held.pagination.pageNumber;
      }
    }
    for (; pageNumber >= 1; ) {
      const page =
        held?.pagination.pageNumber === pageNumber ? held : await source.page(pageNumber, pageSize);
      held = undefined;
      if (order === "oldest-first") {
        const done = isLast(page);
        yield {
          messages: page.messages,
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
  }

  async function* pages(): AsyncGenerator<ChatHistoryChunk> {
    let count = 0;
    for await (const chunk of walk()) {
      yield chunk;
      if (options.maxPages !== undefined && ++count >= options.maxPages) return;
    }
  }

  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const chunk of pages()) yield* chunk.messages;
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
  source: HistorySource,
  options: { count: number; page: number; endDate: number },
): Promise<LatestMessages> {
  const { count, page, endDate } = options;
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
    // Trusted only while the page agrees: a server that changed its order takes the long way.
    if (wanted.order !== "oldest-first") {
      const messages = chronological(wanted, "newest-first");
      return result(messages, !isLast(wanted), wanted.pagination.totalMessages);
    }
    source.remember("oldest-first");
  }
  const first = await fetchPage(1);
  if (isLast(first)) {
    // The whole window is one page.
    const all = chronological(first, first.order ?? source.knownOrder() ?? "oldest-first");
    const end = all.length - (page - 1) * count;
    return result(
      all.slice(Math.max(0, end - count), Math.max(0, end)),
      end - count > 0,
      all.length,
    );
  }
  const { order, second } = await orderOfWindow(source, first);
  if (second) cache.set(2, second);
  if (order === "newest-first") {
    const wanted = await fetchPage(page);
    return result(chronological(wanted, order), !isLast(wanted), wanted.pagination.totalMessages);
  }
  let total = first.pagination.totalMessages;
  if (total === undefined) {
    const last = await findLastPage({ ...source, page: (n) => fetchPage(n) }, first, second);
    total = (last.pagination.pageNumber - 1) * count + last.messages.length;
  }
  // Positions counted from the oldest: [start, end).
  const end = total - (page - 1) * count;
  const start = Math.max(0, end - count);
  if (end <= 0) return result([], false, total);
  const messages: ChatMessage[] = [];
  for (let n = Math.floor(start / count) + 1; (n - 1) * count < end; n++) {
    const fetched = await fetchPage(n);
    const from = (n - 1) * count;
    messages.push(...fetched.messages.slice(Math.max(0, start - from), end - from));
  }
  return result(messages, start > 0, total);
}
