/**
 * The writes of one commit, in one transaction: dropped cohorts, the users read since the last
 * commit, membership changes, and the cohort and counter rows whose JSON changed. Nothing else
 * is written, so a commit costs what changed.
 *
 * @module
 */
import type { SqlDatabase } from "@mybot/sqlite";
import type { UserState } from "./state.ts";
import { UPSERT_USER, userParams } from "./user-rows.ts";

export interface Changes {
  drops: ReadonlySet<string>;
  dirty: ReadonlyMap<string, ReadonlyMap<string, UserState>>;
  membership: ReadonlyMap<string, ReadonlyMap<string, boolean>>;
  /** Cohort rows by name, and counter rows by `\u0000` and their name, as JSON. */
  rows: readonly [string, string][];
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

const totalChanges = (db: SqlDatabase) =>
  Number((db.prepare("SELECT total_changes() AS n").get() as { n: number }).n);

/**
 * Writes the changes in one transaction; returns how many rows it wrote.
 *
 * @throws SQLite's error (a full disk); then the transaction is rolled back, nothing written
 * @example
 * ```ts
 * writeChanges(db, { drops: new Set(), dirty, membership: new Map(), rows: [] });
 * ```
 */
export function writeChanges(db: SqlDatabase, changes: Changes): number {
  const before = totalChanges(db);
  db.transaction(() => {
    for (const name of changes.drops) {
      db.prepare("DELETE FROM users WHERE cohort = ?").run(name);
      db.prepare("DELETE FROM cohorts WHERE name = ?").run(name);
    }
    const upsert = db.prepare(UPSERT_USER);
    // In key order: neighbouring rows share B-tree pages, so each page is written once.
    for (const [cohort, users] of [...changes.dirty].sort(byKey))
      for (const [id, user] of [...users].sort(byKey)) upsert.run(...userParams(cohort, id, user));
    const setLeft = db.prepare("UPDATE users SET left = ? WHERE cohort = ? AND user_id = ?");
    for (const [cohort, members] of changes.membership)
      for (const [id, left] of members) setLeft.run(left ? 1 : 0, cohort, id);
    const putCohort = db.prepare("INSERT OR REPLACE INTO cohorts (name, counts) VALUES (?, ?)");
    const putCounter = db.prepare("INSERT OR REPLACE INTO counters (name, value) VALUES (?, ?)");
    for (const [key, json] of changes.rows)
      if (key.startsWith("\u0000")) putCounter.run(key.slice(1), json);
      else putCohort.run(key, json);
  });
  return totalChanges(db) - before;
}
