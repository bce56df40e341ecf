/**
 * One user's row in the state file and back: the cursor with the keys at it, the timestamps the
 * counts and the scheduler need, and whether the cohort's listing still returns the user.
 *
 * @module
 */
import type { SqlDatabase } from "@mybot/sqlite";
import type { UserState } from "./state.ts";

export const UPSERT_USER = `INSERT INTO users (cohort, user_id, cursor, ids_at_cursor, last_at,
  pending_user_at, last_user_message_at, left, last_read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (cohort, user_id) DO UPDATE SET cursor = excluded.cursor,
  ids_at_cursor = excluded.ids_at_cursor, last_at = excluded.last_at,
  pending_user_at = excluded.pending_user_at, last_user_message_at = excluded.last_user_message_at,
  left = excluded.left, last_read_at = excluded.last_read_at`;

const SELECT_USER = `SELECT cursor, ids_at_cursor, last_at, pending_user_at, last_user_message_at,
  left, last_read_at FROM users WHERE cohort = ? AND user_id = ?`;

interface UserRow {
  cursor: number | null;
  ids_at_cursor: string;
  last_at: number | null;
  pending_user_at: number | null;
  last_user_message_at: number | null;
  left: number;
  last_read_at: number | null;
}

/**
 * The parameters of {@link UPSERT_USER} for one user.
 *
 * @example
 * ```ts
 * db.prepare(UPSERT_USER).run(...userParams("gold", "919812345678", user));
 * ```
 */
export function userParams(cohort: string, userId: string, user: UserState): unknown[] {
  return [
    cohort,
    userId,
    user.cursor,
    JSON.stringify(user.idsAtCursor),
    user.lastAt,
    user.pendingUserAt,
    user.lastUserMessageAt,
    user.left ? 1 : 0,
    user.lastReadAt ?? null,
  ];
}

/**
 * Reads one user's row, with a prepared statement kept per connection.
 *
 * @example
 * ```ts
 * const read = userReader(db);
 * const user = read("gold", "919812345678") ?? newUser();
 * ```
 */
export function userReader(db: SqlDatabase): (cohort: string, userId: string) => UserState | null {
  const select = db.prepare(SELECT_USER);
  return (cohort, userId) => {
    const row = select.get(cohort, userId) as UserRow | undefined;
    if (!row) return null;
    return {
      cursor: row.cursor,
      idsAtCursor: JSON.parse(row.ids_at_cursor) as string[],
      lastAt: row.last_at,
      pendingUserAt: row.pending_user_at,
      lastUserMessageAt: row.last_user_message_at,
      left: row.left === 1,
      lastReadAt: row.last_read_at,
    };
  };
}
