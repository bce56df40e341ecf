/**
 * Which user to read next. Each user has two times: when a read is due (by the read policy,
 * from their silence) and the latest a read may start and still land within `max_staleness`.
 * The collector pulls one user whenever the budget has a turn free: first any user at their
 * latest time, then the most overdue of those due. Under a load the budget cannot carry, the
 * active users' reads slip, but every user is still read within `max_staleness` as long as the
 * budget covers users ÷ `max_staleness`: the staleness bound outranks the chase after news.
 * A failed read is retried with back-off, only when due: its deadline stays last read + 0.95 ×
 * `max_staleness` and is never pushed on, so users that always fail cannot crowd the deadlines.
 * A user is never read twice at once: one dropped and listed again mid-read waits for that read.
 *
 * Keys are opaque strings (a cohort and a user id, say). Per user it keeps two heap entries and
 * a failure count: O(log n) per operation, about 40 bytes a user beside the key, so a million
 * users fit. The freshness metrics read the committed index (user-index.ts), not this.
 *
 * @module
 */
import { IndexedHeap } from "./indexed-heap.ts";
import { type ReadPolicy, readInterval, retryAfter, urgentAfter } from "./read-policy.ts";
import { grow } from "./typed-array.ts";

export class ReadSchedule {
  readonly policy: ReadPolicy;
  #due = new IndexedHeap();
  #latest = new IndexedHeap();
  #slots = new Map<string, number>();
  #keys: string[] = [];
  #free: number[] = [];
  /** Failed reads in a row, per slot: the back-off. */
  #failures = new Uint8Array(16);
  /** Users removed while being read, by key: their slot is freed when the read ends. */
  #leaving = new Map<string, number>();
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
    const leaving = this.#leaving.get(key);
    if (leaving !== undefined) {
      // Still being read: tracked again, and queued by that read's done or failed.
      this.#leaving.delete(key);
      this.#slots.set(key, leaving);
      return true;
    }
    const slot = this.#free.pop() ?? this.#keys.length;
    this.#slots.set(key, slot);
    this.#keys[slot] = key;
    if (slot >= this.#failures.length)
      this.#failures = grow(this.#failures, Math.max(slot + 1, this.#failures.length * 2));
    this.#failures[slot] = 0;
    this.#queue(slot, now, now + urgentAfter(this.policy));
    return true;
  }

  /**
   * Stops tracking a user (gone from the cohort). One being read stays taken until that read
   * ends, so that listed again meanwhile they are not handed out a second time.
   */
  remove(key: string): void {
    const slot = this.#slots.get(key);
    if (slot === undefined) return;
    this.#slots.delete(key);
    if (!this.#due.has(slot)) {
      this.#leaving.set(key, slot);
      return;
    }
    this.#due.delete(slot);
    this.#latest.delete(slot);
    this.#release(slot);
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
    const at = this.#due.keyOf(due);
    return latest < 0 ? at : Math.min(at, this.#latest.keyOf(latest));
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
    this.#failures[slot] = 0;
    const interval = readInterval(this.policy, readAt, lastMessageAt);
    this.#queue(slot, readAt + interval, readAt + urgentAfter(this.policy));
  }

  /**
   * Gives back a user whose read failed: due again after a back-off (a minute, doubling), their
   * deadline left where the last success put it; once that has passed, they wait their due turn.
   */
  failed(key: string, now: number): void {
    const slot = this.#taken(key);
    if (slot === undefined) return;
    const failures = Math.min((this.#failures[slot] as number) + 1, 255);
    this.#failures[slot] = failures;
    const due = now + retryAfter(this.policy, failures);
    // The heap keeps a deleted slot's key: the deadline from the last success (or the add).
    const latest = this.#latest.keyOf(slot);
    if (latest > now) this.#queue(slot, due, latest);
    else this.#due.set(slot, due);
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

  #release(slot: number) {
    this.#keys[slot] = "";
    this.#free.push(slot);
  }

  /** The slot of a user that was taken; undefined if it was removed meanwhile (or never taken). */
  #taken(key: string): number | undefined {
    const leaving = this.#leaving.get(key);
    if (leaving !== undefined) {
      this.#leaving.delete(key);
      this.#inFlight--;
      this.#release(leaving);
      return undefined;
    }
    const slot = this.#slots.get(key);
    if (slot === undefined || this.#due.has(slot)) return undefined;
    this.#inFlight--;
    return slot;
  }
}
