/**
 * Time as the budget and the read schedule see it, injected so that a simulation can run hours of
 * virtual time in seconds (see `fake-clock.ts`) and the tests never wait on real timers.
 *
 * @module
 */

export interface Clock {
  /** Milliseconds; only differences matter to the budget, epoch ms to the schedule. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Sleeps on a real timer, waking early with the signal's reason when it aborts.
 *
 * @example
 * ```ts
 * await realSleep(200, controller.signal);
 * ```
 */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, Math.ceil(ms)),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Epoch milliseconds: what message timestamps are compared with. */
export const wallClock: Clock = { now: () => Date.now(), sleep: realSleep };

/**
 * A clock that never goes back: the request budget spaces requests on it, so that a wall clock
 * stepped back by NTP cannot stall requests for the size of the step.
 */
export const monotonicClock: Clock = { now: () => performance.now(), sleep: realSleep };
