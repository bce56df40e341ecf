/**
 * The simulation's active users: each writes at random times (a Poisson process, exponential
 * gaps around a mean), from a seeded generator so every run sends the same messages. It keeps
 * each user's messages not yet seen counted, oldest first.
 *
 * @module
 */
import { prng } from "@mybot/sandbox";

export class Arrivals {
  #next = new Map<string, number>();
  #pending = new Map<string, number[]>();
  #gap: () => number;

  /**
   * @example
   * ```ts
   * const arrivals = new Arrivals(["9190"], 180_000, Date.now(), 42);
   * ```
   */
  constructor(users: readonly string[], meanGapMs: number, start: number, seed: number) {
    const rand = prng(seed);
    this.#gap = () => -Math.log(1 - rand()) * meanGapMs;
    for (const id of users) this.#next.set(id, start + this.#gap());
  }

  /** The users who write at or before `now` (once each, however many gaps passed). */
  due(now: number): string[] {
    const due: string[] = [];
    for (const [id, at] of this.#next) {
      if (at > now) continue;
      let next = at;
      while (next <= now) next += this.#gap();
      this.#next.set(id, next);
      due.push(id);
    }
    return due;
  }

  /** A message of the user's, stamped `at`, is waiting to be counted. */
  sent(id: string, at: number): void {
    const list = this.#pending.get(id);
    if (list) list.push(at);
    else this.#pending.set(id, [at]);
  }

  /** Users with messages waiting. */
  waiting(): string[] {
    return [...this.#pending.keys()];
  }

  /** Takes out the user's messages stamped at or before `upTo` (now counted); returns their times. */
  countUpTo(id: string, upTo: number): number[] {
    const list = this.#pending.get(id) ?? [];
    let n = 0;
    while (n < list.length && (list[n] as number) <= upTo) n++;
    const counted = list.splice(0, n);
    if (list.length === 0) this.#pending.delete(id);
    return counted;
  }
}
