/**
 * Pages requested ahead of a history walk (`iterateChatHistory`'s `prefetch`), so that the next
 * requests travel while the caller still works on the current page. The walk decides which pages
 * to ask for (history-walk.ts: only pages it will read next); this keeps them, at most `limit`
 * at a time, until the walk takes them. It sits under the page guard (page-guard.ts): pages are
 * checked when taken, in the walk's order, so a repeat or a failure is reported at the page
 * where a walk without prefetch reports it, whatever order the answers arrive in.
 *
 * @module
 */
import { onAbort } from "./on-abort.ts";
import type { ChatHistoryPage } from "./types.ts";

/** Fetches one page of a walk's window; `signal` replaces the caller's when given. */
export type WalkPageFetcher = (
  pageNumber: number,
  pageSize: number,
  signal?: AbortSignal,
) => Promise<ChatHistoryPage>;

/** The pages of one walk, some of them requested early. */
export interface Prefetcher {
  /** Page `pageNumber`: the request made ahead for it, else one made now. */
  page(pageNumber: number, pageSize: number): Promise<ChatHistoryPage>;
  /** Requests these pages, in this order, while fewer than the limit are waiting. */
  ahead(pageNumbers: readonly number[], pageSize: number): void;
  /** Aborts the requests still waiting; their failures are nobody's to report. */
  close(): void;
}

/** Why requests made ahead were aborted: the walk ended before reaching them. */
const WALK_ENDED = new Error("the history walk ended before reaching this page");

/**
 * A {@link Prefetcher} keeping at most `limit` pages requested ahead. At 0 it requests nothing
 * early and adds no signal of its own: the walk is exactly what it was without prefetch.
 *
 * @example
 * ```ts
 * const early = createPrefetcher((n, size, signal) => fetchPage(n, size, signal), 2, callerSignal);
 * early.ahead([3, 4], 500); // both requested now
 * const page3 = await early.page(3, 500); // the request made above
 * early.close(); // aborts page 4's request
 * ```
 */
export function createPrefetcher(
  fetchPage: WalkPageFetcher,
  limit: number,
  callerSignal?: AbortSignal,
): Prefetcher {
  if (limit === 0) {
    return { page: (n, size) => fetchPage(n, size), ahead() {}, close() {} };
  }
  // One signal for the requests made ahead: the caller's abort reaches them, and closing the walk
  // reaches them too, since no caller awaits them any more. Made at the first such request: a
  // walk that never asks ahead (a one-page history, the export's usual user) pays for no
  // AbortController, no listener on the caller's signal and no abort when it ends.
  let controller: AbortController | undefined;
  let forget: (() => void) | undefined;
  const walkSignal = () => {
    if (!controller) {
      const made = new AbortController();
      controller = made;
      forget = callerSignal && onAbort(callerSignal, () => made.abort(callerSignal.reason));
      if (callerSignal?.aborted) made.abort(callerSignal.reason);
    }
    return controller.signal;
  };
  const waiting = new Map<number, Promise<ChatHistoryPage>>();
  return {
    page(pageNumber, pageSize) {
      const early = waiting.get(pageNumber);
      if (!early) return fetchPage(pageNumber, pageSize, controller?.signal ?? callerSignal);
      waiting.delete(pageNumber);
      return early;
    },
    ahead(pageNumbers, pageSize) {
      for (const pageNumber of pageNumbers) {
        if (waiting.size >= limit) return;
        if (waiting.has(pageNumber)) continue;
        const request = fetchPage(pageNumber, pageSize, walkSignal());
        // Handled here so that a failure is not reported as unhandled before the walk takes
        // it (then `await` throws it), or at all if the walk ends first.
        request.catch(() => {});
        waiting.set(pageNumber, request);
      }
    },
    close() {
      forget?.();
      waiting.clear();
      if (controller && !controller.signal.aborted) controller.abort(WALK_ENDED);
    },
  };
}
