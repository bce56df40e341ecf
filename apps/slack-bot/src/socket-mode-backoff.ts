/**
 * Reconnection delays for Socket Mode: exponential, capped, with jitter so that many app
 * instances dropped by the same Slack restart do not all knock again in the same millisecond.
 * The count starts over once a connection has proved healthy, so one bad night does not make
 * every later drop wait the cap.
 *
 * @module
 */

export interface BackoffOptions {
  /** The first delay's upper bound, ms. */
  baseMs?: number;
  /** No delay is longer than this, ms. */
  capMs?: number;
  /** Returns a number in [0, 1); injectable for tests. */
  random?: () => number;
}

export interface Backoff {
  /** The delay before the next attempt, ms; each call doubles the bound up to the cap. */
  next(): number;
  /** Starts over from the base delay (after a healthy connection). */
  reset(): void;
  /** Attempts counted since the last reset. */
  readonly attempts: number;
}

/**
 * "Equal jitter": half the bound for sure, the other half at random. Never zero, so a server
 * that accepts and drops at once cannot be hammered in a tight loop.
 *
 * @example
 * ```ts
 * const backoff = createBackoff({ baseMs: 500, capMs: 30_000 });
 * await sleep(backoff.next()); // 250–500 ms, then 500–1000 ms, …, at most 30 s
 * ```
 */
export function createBackoff(options: BackoffOptions = {}): Backoff {
  const baseMs = options.baseMs ?? 500;
  const capMs = options.capMs ?? 30_000;
  const random = options.random ?? Math.random;
  let attempts = 0;
  return {
    next() {
      // 2 ** attempts stops growing long before it could overflow: the cap is reached by then.
      const bound = Math.min(capMs, baseMs * 2 ** Math.min(attempts, 30));
      attempts++;
      return Math.round(bound / 2 + random() * (bound / 2));
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}

/**
 * A wait that can be cut short, so that stopping does not sit out a 30-second backoff.
 *
 * @example
 * ```ts
 * const waiter = createWaiter();
 * await waiter.wait(backoff.next()); // `waiter.wake()` elsewhere ends it early
 * ```
 */
export function createWaiter() {
  let wake = () => {};
  return {
    wait: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
    wake: () => wake(),
  };
}
