/**
 * The exporter's request budget toward MyBOT: one gate that every HTTP request passes, listings,
 * history pages and the client's own retries alike. Requests are granted one at a time, first
 * come first served, at least 1/rate apart, and never more than the budget (its whole part, at
 * least one) in any one-second window, so the vendor never sees a burst above it.
 *
 * A 429 (or a 503 with `Retry-After`) pauses every request until the server's `Retry-After`, or
 * a default back-off, and halves the pace, down to a floor; each quiet interval after the pause
 * then adds back a tenth of the budget (AIMD, as TCP does), so the exporter finds a rate the
 * server tolerates without a human retuning it. Requests already sent at the old pace when the
 * first 429 came cannot cut it again: one episode, one cut.
 *
 * @module
 */
import { type Clock, monotonicClock } from "./clock.ts";
import { recentWindow } from "./recent-window.ts";

export interface RequestBudgetOptions {
  /** The budget: requests per second, fractions allowed (0.5 is one every two seconds). */
  requestsPerSecond: number;
  /** Monotonic by default: spacing must survive a wall clock stepped back. */
  clock?: Clock;
  /** The pause after a 429 without `Retry-After`. Default 5 s. */
  defaultPauseMs?: number;
  /** A server's `Retry-After` beyond this is cut to it, so one answer cannot stall us for hours. Default 60 s (the client's own cap). */
  maxPauseMs?: number;
  /** Quiet time that earns one step of recovery. Default 30 s. */
  recoveryIntervalMs?: number;
}

/** What the metrics show of the budget. */
export interface BudgetStats {
  /** The configured budget, requests per second. */
  budget: number;
  /** The pace now, after 429s and recovery. */
  effectiveRate: number;
  /** Requests let through since the start. */
  granted: number;
  /** 429s (and 503s with `Retry-After`) seen. */
  throttled: number;
  /** Times the pace was cut. */
  cuts: number;
  /** Requests waiting for their turn now. */
  waiting: number;
  /** Milliseconds spent waiting by all requests together. */
  waitedMs: number;
  /** The end of the current pause (clock ms), or 0 when none. */
  pausedUntil: number;
}

export interface RequestBudget {
  /**
   * Waits for this request's turn; resolves with the time it was granted (pass it to
   * {@link RequestBudget.throttled}). Rejects with the signal's reason if it aborts first, and
   * then the turn is not spent.
   */
  acquire(signal?: AbortSignal): Promise<number>;
  /** Tells the budget that a request granted at `grantedAt` was answered 429. */
  throttled(grantedAt: number, retryAfterMs?: number): void;
  /** Resolves once a request would be granted at once: nobody waiting, pace and pause allow. */
  whenFree(signal?: AbortSignal): Promise<void>;
  /** The pace now, requests per second. */
  effectiveRate(): number;
  stats(): BudgetStats;
}

interface Waiter {
  resolve: (grantedAt: number) => void;
  reject: (reason: unknown) => void;
  since: number;
  forget?: () => void;
}

/** After 429s the pace never drops below the budget divided by this: a tenth of it. */
const MIN_RATE_DIVISOR = 10;
/** One step of recovery, as a fraction of the budget. */
const RECOVERY_FRACTION = 0.1;

/** The budget's bounds, also the config's: one request in 100 s is barely an exporter, 1000 a second no budget. */
export const MIN_BUDGET = 0.01;
export const MAX_BUDGET = 1000;

/**
 * @example
 * ```ts
 * const budget = createRequestBudget({ requestsPerSecond: 5 });
 * const client = createMyBotClient({ ...settings, fetch: budgetedFetch(budget, measuredFetch(stats)) });
 * ```
 */
export function createRequestBudget(options: RequestBudgetOptions): RequestBudget {
  const budget = options.requestsPerSecond;
  if (!(budget >= MIN_BUDGET && budget <= MAX_BUDGET))
    throw new RangeError(
      `requestsPerSecond must be from ${MIN_BUDGET} to ${MAX_BUDGET}, not ${budget}`,
    );
  const clock = options.clock ?? monotonicClock;
  const minRate = budget / MIN_RATE_DIVISOR;
  const defaultPauseMs = options.defaultPauseMs ?? 5_000;
  const maxPauseMs = options.maxPauseMs ?? 60_000;
  const recoveryIntervalMs = options.recoveryIntervalMs ?? 30_000;
  const step = budget * RECOVERY_FRACTION;
  // The hard cap: however the pace is set, no one-second window holds more than this.
  const recent = recentWindow(Math.max(1, Math.floor(budget)));

  let cutRate = budget;
  let recoverFrom = Number.NEGATIVE_INFINITY;
  let lastCutAt = Number.NEGATIVE_INFINITY;
  let pausedUntil = 0;
  let lastGrant = Number.NEGATIVE_INFINITY;
  let granted = 0;
  let throttledCount = 0;
  let cuts = 0;
  let waitedMs = 0;
  const queue: Waiter[] = [];
  let dispatching = false;
  let wake: AbortController | undefined;

  const rateAt = (now: number) =>
    now < recoverFrom
      ? cutRate
      : Math.min(budget, cutRate + step * Math.floor((now - recoverFrom) / recoveryIntervalMs));
  // Whole milliseconds: a grant a second after another is then exactly a second after it, not
  // 999.9999999999999 ms by floating-point rounding (a fourth request in the window).
  const allowedAt = (now: number) =>
    Math.ceil(Math.max(pausedUntil, lastGrant + 1000 / rateAt(now), recent.oldestIfFull() + 1000));

  async function dispatch() {
    if (dispatching) return;
    dispatching = true;
    try {
      while (queue.length > 0) {
        const now = clock.now();
        const at = allowedAt(now);
        if (at > now) {
          // Woken early only when the queue empties (every waiter aborted): nothing to grant.
          wake = new AbortController();
          await clock.sleep(at - now, wake.signal).catch(() => {});
          continue;
        }
        const waiter = queue.shift() as Waiter;
        waiter.forget?.();
        lastGrant = now;
        recent.push(now);
        granted++;
        waitedMs += now - waiter.since;
        waiter.resolve(now);
      }
    } finally {
      dispatching = false;
    }
  }

  return {
    acquire(signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const waiter: Waiter = { resolve, reject, since: clock.now() };
        if (signal) {
          const onAbort = () => {
            const i = queue.indexOf(waiter);
            if (i >= 0) queue.splice(i, 1);
            if (queue.length === 0) wake?.abort();
            reject(signal.reason);
          };
          signal.addEventListener("abort", onAbort, { once: true });
          waiter.forget = () => signal.removeEventListener("abort", onAbort);
        }
        queue.push(waiter);
        void dispatch();
      });
    },
    throttled(grantedAt, retryAfterMs) {
      const now = clock.now();
      throttledCount++;
      const pause = Math.min(Math.max(0, retryAfterMs ?? defaultPauseMs), maxPauseMs);
      pausedUntil = Math.max(pausedUntil, now + pause);
      // A request sent before the last cut was paced at the old rate: its 429 is the same episode.
      if (grantedAt >= lastCutAt) {
        cutRate = Math.max(minRate, rateAt(now) / 2);
        lastCutAt = now;
        cuts++;
      }
      recoverFrom = pausedUntil;
    },
    async whenFree(signal) {
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        const now = clock.now();
        const at = allowedAt(now);
        if (queue.length === 0 && at <= now) return;
        // Those waiting go first: one spacing per waiter is when the gate can be free again.
        await clock.sleep(Math.max(at - now, 0) + (queue.length * 1000) / rateAt(now), signal);
      }
    },
    effectiveRate: () => rateAt(clock.now()),
    stats: () => ({
      budget,
      effectiveRate: rateAt(clock.now()),
      granted,
      throttled: throttledCount,
      cuts,
      waiting: queue.length,
      waitedMs,
      pausedUntil: pausedUntil > clock.now() ? pausedUntil : 0,
    }),
  };
}
