/**
 * Page-by-page iteration of a chat history (spec: `page_number` from 1, `pagination.hasNextPage`).
 * Only one page is held at a time, so memory stays flat however long the history is.
 *
 * @module
 */
import type { ChatHistoryPage, ChatMessage } from "./types.ts";

/** Messages one by one; `.pages()` for whole pages, whose `pagination.pageNumber` lets a caller resume. */
export interface ChatHistoryIterable extends AsyncIterable<ChatMessage> {
  pages(): AsyncIterable<ChatHistoryPage>;
}

/**
 * Wraps a page fetcher into a {@link ChatHistoryIterable}.
 *
 * @example
 * ```ts
 * const history = createHistoryIterable((n) => client.getChatHistory(id, { pageNumber: n }), {});
 * for await (const message of history) console.log(message.text);
 * ```
 */
export function createHistoryIterable(
  fetchPage: (pageNumber: number) => Promise<ChatHistoryPage>,
  options: { fromPage?: number | undefined; maxPages?: number | undefined },
): ChatHistoryIterable {
  async function* pages(): AsyncGenerator<ChatHistoryPage> {
    let pageNumber = options.fromPage ?? 1;
    for (let fetched = 0; options.maxPages === undefined || fetched < options.maxPages; fetched++) {
      const page = await fetchPage(pageNumber);
      yield page;
      if (!page.pagination.hasNextPage || page.messages.length === 0) return;
      pageNumber++;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.messages;
    },
  };
}
