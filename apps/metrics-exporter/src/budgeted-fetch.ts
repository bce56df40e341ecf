/**
 * The fetch that @mybot/core is given: every attempt waits for its turn in the request budget
 * before it goes out, so listings, history pages and the client's own retries all count, and a
 * 429 (or a 503 with `Retry-After`) tells the budget to pause and slow down. An attempt that
 * aborts while waiting (the caller stops, or the client's per-attempt timeout) never reaches
 * MyBOT and spends no turn.
 *
 * @module
 */
import { parseRetryAfter } from "@mybot/core/wire";
import type { RequestBudget } from "./request-budget.ts";

/**
 * Wraps `inner` (outermost, so `measuredFetch` inside it times the request, not the wait).
 *
 * @example
 * ```ts
 * createMyBotClient({ ...settings, fetch: budgetedFetch(budget, measuredFetch(stats)) });
 * ```
 */
export function budgetedFetch(
  budget: RequestBudget,
  inner: typeof fetch = fetch,
  /** Epoch ms, to read a `Retry-After` given as an HTTP date. */
  wallNow: () => number = Date.now,
): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const grantedAt = await budget.acquire(signal ?? undefined);
    const response = await inner(input, init);
    const retryAfter = response.headers.get("retry-after");
    if (response.status === 429 || (response.status === 503 && retryAfter !== null))
      budget.throttled(grantedAt, parseRetryAfter(retryAfter, wallNow()));
    return response;
  }) as typeof fetch;
}
