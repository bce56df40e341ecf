/**
 * A cohort held in memory only, with no file behind it: for reading users in tests, contract
 * tests and simulations, where the store's durability is beside the point.
 *
 * @module
 */
import { newUser } from "./apply.ts";
import { emptyCohort, type UserState } from "./state.ts";
import type { CohortHandle } from "./state-store.ts";

/**
 * @example
 * ```ts
 * const cohort = memoryCohort({ "919812345678": { ...newUser(), cursor: 1_700_000_000_000 } });
 * await collectUser(client, cohort, "919812345678", config, { now: Date.now() });
 * cohort.users.get("919812345678")?.cursor;
 * ```
 */
export function memoryCohort(
  users: Record<string, UserState> = {},
): CohortHandle & { users: Map<string, UserState> } {
  const byId = new Map(Object.entries(users));
  return {
    counts: emptyCohort(),
    users: byId,
    read: (id) => byId.get(id) ?? newUser(),
    changed: (id, user) => void byId.set(id, user),
  };
}
