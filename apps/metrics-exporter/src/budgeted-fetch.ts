/**
 * The fetch that @mybot/core is given: every attempt waits for its turn in the request budget
 * before it goes out, so listings, history pages and the client's own retries all count, and a
 * 429 (or a 503 with `Retry-After`) tells the budget to pause and slow down. An attempt that
 * aborts while waiting (the caller stops, or the client's per-attempt timeout) never reaches
 * MyBOT and spends no turn.
 *
 * @module
 */
import type { RequestBudget } from "./request-budget.ts";

/**
 * `Retry-After` in ms (RFC 9110 section 10.2.3: delay-seconds or an HTTP-date), or undefined
 * for none or junk; the budget caps what is left. @mybot/core reads it too, but keeps that to
 * itself.
 */
function retryAfterMs(value: string | null, now: number): number | undefined {
  const text = value?.trim() ?? "";
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  // An HTTP-date names a weekday and a month: "-1" must not parse as the year -1.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

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
      budget.throttled(grantedAt, retryAfterMs(retryAfter, wallNow()));
    return response;
  }) as typeof fetch;
}
