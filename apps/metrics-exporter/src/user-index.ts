/**
 * The per-user figures kept in memory, as committed: the last message time (any sender), the
 * last read time, the last user message time and whether the user left the cohort. Typed
 * arrays indexed by a slot per user, so a million users cost about 100 MB, a scrape counts the
 * active ones in one pass over numbers, and a scheduler can rank users without the database.
 * Cursors and the keys at them stay in the file, read when a user is read.
 *
 * @module
 */
import type { SqlDatabase } from "@mybot/sqlite";
import { type Staleness, staleness } from "./staleness.ts";
import { grow } from "./typed-array.ts";

/** Loaded at start a page at a time, so that a million rows never sit in memory as objects. */
const PAGE = 20_000;

/** Absent timestamps are NaN: every comparison with one is false. */
const num = (value: number | null | undefined) => value ?? Number.NaN;
const orNull = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? null : value;

export interface IndexedUser {
  lastMessageAt: number | null;
  lastReadAt: number | null;
  lastUserMessageAt: number | null;
  left: boolean;
}

/** One cohort's users. */
export class CohortIndex {
  #slots = new Map<string, number>();
  #ids: string[] = [];
  #lastAt = new Float64Array(1024);
  #lastReadAt = new Float64Array(1024);
  #lastUserAt = new Float64Array(1024);
  #left = new Uint8Array(1024);

  get size(): number {
    return this.#ids.length;
  }

  /** The user's figures as committed, or undefined for a user not in the index. */
  get(userId: string): IndexedUser | undefined {
    const slot = this.#slots.get(userId);
    if (slot === undefined) return undefined;
    return {
      lastMessageAt: orNull(this.#lastAt[slot]),
      lastReadAt: orNull(this.#lastReadAt[slot]),
      lastUserMessageAt: orNull(this.#lastUserAt[slot]),
      left: this.#left[slot] === 1,
    };
  }

  set(userId: string, user: IndexedUser): void {
    let slot = this.#slots.get(userId);
    if (slot === undefined) {
      slot = this.#ids.length;
      if (slot === this.#left.length) this.#grow();
      this.#slots.set(userId, slot);
      this.#ids.push(userId);
    }
    this.#lastAt[slot] = num(user.lastMessageAt);
    this.#lastReadAt[slot] = num(user.lastReadAt);
    this.#lastUserAt[slot] = num(user.lastUserMessageAt);
    this.#left[slot] = user.left ? 1 : 0;
  }

  setLeft(userId: string, left: boolean): void {
    const slot = this.#slots.get(userId);
    if (slot !== undefined) this.#left[slot] = left ? 1 : 0;
  }

  /** Calls `fn` for every user, in no particular order. */
  forEach(fn: (userId: string, user: IndexedUser) => void): void {
    for (const [slot, id] of this.#ids.entries())
      fn(id, {
        lastMessageAt: orNull(this.#lastAt[slot]),
        lastReadAt: orNull(this.#lastReadAt[slot]),
        lastUserMessageAt: orNull(this.#lastUserAt[slot]),
        left: this.#left[slot] === 1,
      });
  }

  /** Users still listed whose last message to the bot is at or after each instant. */
  activeSince(instants: readonly number[]): number[] {
    const counts = instants.map(() => 0);
    const last = this.#lastUserAt;
    const left = this.#left;
    for (let slot = 0; slot < this.#ids.length; slot++) {
      if (left[slot] === 1) continue;
      const at = last[slot] as number;
      for (let i = 0; i < instants.length; i++)
        if (at >= (instants[i] as number)) counts[i] = (counts[i] as number) + 1;
    }
    return counts;
  }

  /** The age of the listed users' data: see staleness.ts. */
  staleness(now: number, maxStalenessMs: number): Staleness {
    return staleness(this.#lastReadAt, this.#left, this.#ids.length, now, maxStalenessMs);
  }

  #grow(): void {
    const size = this.#left.length * 2;
    this.#lastAt = grow(this.#lastAt, size);
    this.#lastReadAt = grow(this.#lastReadAt, size);
    this.#lastUserAt = grow(this.#lastUserAt, size);
    this.#left = grow(this.#left, size);
  }
}

interface IndexRow {
  user_id: string;
  last_at: number | null;
  last_read_at: number | null;
  last_user_message_at: number | null;
  left: number;
}

/**
 * Every user of every cohort in a state file: `(cohort, userId, lastMessageAt, lastReadAt)`
 * and what the active-user gauge needs, read in pages along the primary key.
 *
 * @example
 * ```ts
 * const index = loadUserIndex(db);
 * index.get("gold")?.forEach((userId, { lastMessageAt, lastReadAt }) => schedule(userId));
 * ```
 */
export function loadUserIndex(db: SqlDatabase): Map<string, CohortIndex> {
  const cohorts = new Map<string, CohortIndex>();
  const page = db.prepare(
    `SELECT user_id, last_at, last_read_at, last_user_message_at, left FROM users
     WHERE cohort = ? AND user_id > ? ORDER BY user_id LIMIT ${PAGE}`,
  );
  for (const { name } of db.prepare("SELECT name FROM cohorts").all() as { name: string }[]) {
    const index = new CohortIndex();
    cohorts.set(name, index);
    for (let after = ""; ; ) {
      const rows = page.all(name, after) as IndexRow[];
      for (const r of rows)
        index.set(r.user_id, {
          lastMessageAt: r.last_at,
          lastReadAt: r.last_read_at,
          lastUserMessageAt: r.last_user_message_at,
          left: r.left === 1,
        });
      if (rows.length < PAGE) break;
      after = (rows[rows.length - 1] as IndexRow).user_id;
    }
  }
  return cohorts;
}
