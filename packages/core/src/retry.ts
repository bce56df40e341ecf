/**
 * Back-off between attempts: exponential with jitter, and the server's `Retry-After`
 * (RFC 9110 section 10.2.3: delay-seconds or an HTTP-date), capped.
 *
 * @module
 */
import { onAbort } from "./on-abort.ts";

/** Statuses worth another attempt: timeouts, rate limits and server failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The wait the server asked for, in milliseconds, or undefined when it asked for none or
 * sent something unreadable.
 *
 * @example
 * ```ts
 * parseRetryAfter("2"); // 2000
 * parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("Wed, 21 Oct 2015 07:27:58 GMT")); // 2000
 * ```
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP-date always names a weekday and month; this keeps "-1" from parsing as year -1.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Knobs of {@link backoffDelay}. */
export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

/**
 * Delay before retry number `retry` (1 for the first retry): doubling from `initialDelayMs`,
 * capped at `maxDelayMs`, minus up to 25 % jitter so that clients do not retry in lockstep.
 *
 * @example
 * ```ts
 * backoffDelay(1, { initialDelayMs: 500, maxDelayMs: 8000, random: () => 0 }); // 500
 * ```
 */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const base = Math.min(options.initialDelayMs * 2 ** (retry - 1), options.maxDelayMs);
  return Math.round(base * (1 - random() * 0.25));
}

/**
 * Sleeps `ms`, waking early with the signal's reason when it aborts.
 *
 * @example
 * ```ts
 * await sleep(250, AbortSignal.timeout(1000));
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      forget?.();
      resolve();
    }, ms);
    const forget =
      signal &&
      onAbort(signal, () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
  });
}
