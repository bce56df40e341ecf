/**
 * A virtual clock for tests and simulations: `sleep` parks a timer, and `runUntil` jumps from
 * one timer to the next, letting the promises each wakes settle before the next, so hours of
 * budgeted requests run in milliseconds. Code under test must wait on this clock only.
 *
 * @module
 */
import type { Clock } from "./clock.ts";

interface Timer {
  at: number;
  seq: number;
  wake: () => void;
}

/** Lets every promise already resolved run its continuations (and theirs) before going on. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Timers parked and not yet woken or aborted. */
  get pending(): number {
    return this.#timers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        reject(signal?.reason);
      };
      const timer: Timer = {
        at: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        wake: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      this.#timers.push(timer);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /**
   * Moves time to `end`, waking each timer due on the way in order.
   *
   * @example
   * ```ts
   * const clock = new FakeClock();
   * void clock.sleep(1000).then(() => console.log(clock.now())); // 1000
   * await clock.runUntil(5000);
   * ```
   */
  async runUntil(end: number): Promise<void> {
    for (;;) {
      await settle();
      let next: Timer | undefined;
      for (const t of this.#timers)
        if (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq)) next = t;
      if (!next || next.at > end) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = Math.max(this.#now, next.at);
      next.wake();
    }
    this.#now = Math.max(this.#now, end);
    await settle();
  }

  /** {@link runUntil} `ms` from now. */
  advance(ms: number): Promise<void> {
    return this.runUntil(this.#now + ms);
  }
}
