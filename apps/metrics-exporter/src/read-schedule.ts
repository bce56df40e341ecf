/**
 * Which user to read next. Each user has two times: when a read is due (by the read policy,
 * from their silence) and the latest a read may start and still land within `max_staleness`.
 * The collector pulls one user whenever the budget has a turn free: first any user at their
 * latest time, then the most overdue of those due. Under a load the budget cannot carry, the
 * active users' reads slip, but every user is still read within `max_staleness` as long as the
 * budget covers users ÷ `max_staleness`: the staleness bound outranks the chase after news.
 *
 * Keys are opaque strings (a cohort and a user id, say). Per user it keeps three numbers in
 * typed arrays and two heap entries: O(log n) per operation, about 50 bytes a user beside the
 * key, so a million users fit.
 *
 * @module
 */
import { IndexedHeap } from "./indexed-heap.ts";
import { longestInterval, type ReadPolicy, readInterval, urgentAfter } from "./read-policy.ts";

/** After a failed read, the user is tried again this long after (or `min_read_interval`). */
const RETRY_AFTER_FAILURE_MS = 60_000;

export class ReadSchedule {
  readonly policy: ReadPolicy;
  #due = new IndexedHeap();
  #latest = new IndexedHeap();
  #slots = new Map<string, number>();
  #keys: string[] = [];
  #free: number[] = [];
  #lastRead = new Float64Array(16);
  #inFlight = 0;

  constructor(policy: ReadPolicy) {
    this.policy = policy;
  }

  /** Users tracked, read or waiting. */
  get size(): number {
    return this.#slots.size;
  }

  /** Users taken and not yet given back with {@link done} or {@link failed}. */
  get inFlight(): number {
    return this.#inFlight;
  }

  has(key: string): boolean {
    return this.#slots.has(key);
  }

  /**
   * Tracks a user not yet tracked: due at once, and read within `max_staleness` whatever the
   * load. Returns false, changing nothing, for a user already tracked.
   *
   * @example
   * ```ts
   * const schedule = new ReadSchedule({ maxStalenessMs: 3_600_000, minIntervalMs: 30_000 });
   * schedule.add("gold\u0000919812345678", Date.now());
   * ```
   */
  add(key: string, now: number): boolean {
    if (this.#slots.has(key)) return false;
    const slot = this.#free.pop() ?? this.#keys.length;
    this.#slots.set(key, slot);
    this.#keys[slot] = key;
    if (slot >= this.#lastRead.length) {
      const bigger = new Float64Array(Math.max(slot + 1, this.#lastRead.length * 2));
      bigger.set(this.#lastRead);
      this.#lastRead = bigger;
    }
    this.#lastRead[slot] = Number.NaN;
    this.#queue(slot, now, now + urgentAfter(this.policy));
    return true;
  }

  /** Stops tracking a user (gone from the cohort), whether waiting or being read. */
  remove(key: string): void {
    const slot = this.#slots.get(key);
    if (slot === undefined) return;
    if (!this.#due.has(slot)) this.#inFlight--;
    this.#due.delete(slot);
    this.#latest.delete(slot);
    this.#slots.delete(key);
    this.#keys[slot] = "";
    this.#free.push(slot);
  }

  /**
   * The user to read now, taken out until {@link done} or {@link failed}; undefined when no one
   * is due (see {@link nextAt}).
   *
   * @example
   * ```ts
   * await budget.whenFree(signal);
   * const key = schedule.take(Date.now());
   * ```
   */
  take(now: number): string | undefined {
    let slot = this.#latest.peek();
    if (slot < 0 || this.#latest.keyOf(slot) > now) {
      slot = this.#due.peek();
      if (slot < 0 || this.#due.keyOf(slot) > now) return undefined;
    }
    this.#takeSlot(slot);
    return this.#keys[slot];
  }

  /**
   * Takes one given user out, due or not, as {@link take} would: for a pass that reads everyone,
   * and to seed a user read before a restart (add, takeKey, then done with the saved times).
   * False, changing nothing, when the user is not waiting (untracked, or being read).
   */
  takeKey(key: string): boolean {
    const slot = this.#slots.get(key);
    if (slot === undefined || !this.#due.has(slot)) return false;
    this.#takeSlot(slot);
    return true;
  }

  /** When {@link take} will next have someone (it may be now or past), or undefined if no one waits. */
  nextAt(): number | undefined {
    const due = this.#due.peek();
    const latest = this.#latest.peek();
    if (due < 0) return undefined;
    return Math.min(this.#due.keyOf(due), this.#latest.keyOf(latest));
  }

  /** How late the most overdue waiting user is, ms (0 when no one is late). */
  lagMs(now: number): number {
    const next = this.nextAt();
    return next === undefined ? 0 : Math.max(0, now - next);
  }

  /**
   * Gives back a user read successfully. `readAt` is when the read began (what its data is fresh
   * as of), `lastMessageAt` the user's newest message, if any.
   */
  done(key: string, readAt: number, lastMessageAt: number | undefined): void {
    const slot = this.#taken(key);
    if (slot === undefined) return;
    this.#lastRead[slot] = readAt;
    const interval = readInterval(this.policy, readAt, lastMessageAt);
    this.#queue(slot, readAt + interval, readAt + urgentAfter(this.policy));
  }

  /** Gives back a user whose read failed: tried again in a minute, not hammered. */
  failed(key: string, now: number): void {
    const slot = this.#taken(key);
    if (slot === undefined) return;
    const retry = Math.min(
      Math.max(RETRY_AFTER_FAILURE_MS, this.policy.minIntervalMs),
      longestInterval(this.policy),
    );
    this.#queue(slot, now + retry, now + retry);
  }

  /** When the user's last successful read began, or undefined if never. */
  lastReadAt(key: string): number | undefined {
    const slot = this.#slots.get(key);
    const at = slot === undefined ? Number.NaN : (this.#lastRead[slot] as number);
    return Number.isNaN(at) ? undefined : at;
  }

  /** Every tracked user with their last read (undefined: never), for freshness metrics. */
  forEach(fn: (key: string, lastReadAt: number | undefined) => void): void {
    for (const [key, slot] of this.#slots) {
      const at = this.#lastRead[slot] as number;
      fn(key, Number.isNaN(at) ? undefined : at);
    }
  }

  #takeSlot(slot: number) {
    this.#due.delete(slot);
    this.#latest.delete(slot);
    this.#inFlight++;
  }

  #queue(slot: number, due: number, latest: number) {
    this.#due.set(slot, Math.min(due, latest));
    this.#latest.set(slot, latest);
  }

  /** The slot of a user that was taken; undefined if it was removed meanwhile (or never taken). */
  #taken(key: string): number | undefined {
    const slot = this.#slots.get(key);
    if (slot === undefined || this.#due.has(slot)) return undefined;
    this.#inFlight--;
    return slot;
  }
}
