/**
 * Which users the read schedule tracks: each cohort's users (this shard's) as its last listing
 * returned them, keyed `cohort NUL userId`, since a user in two cohorts is counted, and read, in
 * each. At start they come from the state's user index with each user's last read and newest
 * message, so a restart picks the schedule up where it was rather than reading everyone at once.
 * A listing then adds the users new to a cohort (due at once) and drops those it no longer
 * returns. Per cohort it also knows who still waits for a first read (readiness) and whose last
 * read failed (`mybot_failing_users`).
 *
 * @module
 */
import type { ReadSchedule } from "./read-schedule.ts";
import type { CohortIndex } from "./user-index.ts";

/** Cohort names are label values (no NUL), so the first NUL splits a key. */
export const userKey = (cohort: string, userId: string) => `${cohort}\u0000${userId}`;

/**
 * @example
 * ```ts
 * splitKey(userKey("gold", "919812345678")); // ["gold", "919812345678"]
 * ```
 */
export function splitKey(key: string): [cohort: string, userId: string] {
  const at = key.indexOf("\u0000");
  return [key.slice(0, at), key.slice(at + 1)];
}

interface Cohort {
  members: Set<string>;
  awaiting: Set<string>;
  failing: Set<string>;
}

export class CohortMembers {
  #cohorts = new Map<string, Cohort>();
  #awaiting = 0;

  constructor(readonly schedule: ReadSchedule) {}

  /** Users listed and never yet read (nor tried), in every cohort. */
  get awaiting(): number {
    return this.#awaiting;
  }

  /**
   * Tracks a cohort's users as the state left them: a user read before is due by their saved
   * times (when that is long past, at once), one never read is due at once.
   *
   * @example
   * ```ts
   * for (const c of config.cohorts) members.seed(c.name, store.index.get(c.name), clock.now());
   * ```
   */
  seed(cohort: string, index: CohortIndex | undefined, now: number): void {
    const c = this.#cohort(cohort);
    index?.forEach((id, user) => {
      if (user.left) return;
      c.members.add(id);
      const key = userKey(cohort, id);
      this.schedule.add(key, now);
      if (user.lastReadAt === null) {
        this.#await(c, id);
        return;
      }
      this.schedule.takeKey(key);
      this.schedule.done(key, user.lastReadAt, user.lastMessageAt ?? undefined);
    });
  }

  /** A listing's users replace the cohort's: returns how many joined and how many left. */
  list(cohort: string, ids: readonly string[], now: number): { joined: number; left: number } {
    const c = this.#cohort(cohort);
    const listed = new Set(ids);
    let left = 0;
    for (const id of c.members) {
      if (listed.has(id)) continue;
      this.schedule.remove(userKey(cohort, id));
      c.members.delete(id);
      c.failing.delete(id);
      if (c.awaiting.delete(id)) this.#awaiting--;
      left++;
    }
    let joined = 0;
    for (const id of listed) {
      if (c.members.has(id)) continue;
      c.members.add(id);
      this.schedule.add(userKey(cohort, id), now);
      this.#await(c, id);
      joined++;
    }
    return { joined, left };
  }

  /**
   * A read of the user ended, well or not: no longer waiting for a first one. True when this
   * was their first.
   */
  attempted(cohort: string, userId: string, ok: boolean): boolean {
    const c = this.#cohorts.get(cohort);
    if (!c?.members.has(userId)) return false;
    if (ok) c.failing.delete(userId);
    else c.failing.add(userId);
    if (!c.awaiting.delete(userId)) return false;
    this.#awaiting--;
    return true;
  }

  awaitingIn(cohort: string): number {
    return this.#cohorts.get(cohort)?.awaiting.size ?? 0;
  }

  failingIn(cohort: string): number {
    return this.#cohorts.get(cohort)?.failing.size ?? 0;
  }

  /** The keys of every tracked user of the cohorts named, for a pass that reads them all. */
  keys(cohorts: ReadonlySet<string>): string[] {
    const keys: string[] = [];
    for (const [cohort, c] of this.#cohorts)
      if (cohorts.has(cohort)) for (const id of c.members) keys.push(userKey(cohort, id));
    return keys;
  }

  #await(c: Cohort, id: string) {
    if (c.awaiting.has(id)) return;
    c.awaiting.add(id);
    this.#awaiting++;
  }

  #cohort(name: string): Cohort {
    let c = this.#cohorts.get(name);
    if (!c) {
      c = { members: new Set(), awaiting: new Set(), failing: new Set() };
      this.#cohorts.set(name, c);
    }
    return c;
  }
}
