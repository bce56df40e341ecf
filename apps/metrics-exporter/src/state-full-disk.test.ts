/**
 * A full disk mid-commit (SQLite's own SQLITE_FULL, from a page limit on the connection, the
 * path a real ENOSPC takes): the file keeps the last commit whole, the exposition stays at it,
 * and the next commit that fits writes the work the failed one held, nothing lost or doubled.
 * Replaces the JSON writer's short-write test: the store no longer writes files itself.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { openStateStore } from "./open-state-store.ts";
import { loadState } from "./state-db.ts";

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `user-${from + i}`);

it("keeps the last commit, in the file and on show, while the disk is full, and catches up after", () => {
  const dir = mkdtempSync(join(tmpdir(), "exporter-full-"));
  const store = openStateStore(dir, "state.db", "state.json");
  const gold = store.cohort("gold");
  const readAll = (users: string[], at: number) => {
    for (const id of users) {
      const user = gold.read(id);
      user.cursor = at;
      user.idsAtCursor = [`a-long-message-id-to-fill-pages-${id}-${at}`];
      gold.counts.messages.bot++;
      gold.changed(id, user);
    }
  };
  readAll(ids(100), 1000);
  store.commit();
  const db = store.database;
  if (!db) throw new Error("no database");
  // The disk is full: not one more page.
  const pages = (db.prepare("PRAGMA page_count").get() as { page_count: number }).page_count;
  db.exec(`PRAGMA max_page_count = ${pages}`);
  readAll(ids(2000, 100), 2000);
  expect(() => store.commit()).toThrow(/full/i);
  expect(store.published.cohorts.gold?.messages.bot).toBe(100);
  expect(store.activeUsers("gold", [0])).toEqual([0]);
  expect(store.index.get("gold")?.size).toBe(100);
  expect(loadState(dir).cohorts.gold?.messages.bot).toBe(100);
  // A read during the outage sees its own uncommitted cursor, so it never counts a message twice.
  expect(gold.read("user-150").cursor).toBe(2000);

  db.exec("PRAGMA max_page_count = 1073741823");
  store.commit();
  expect(store.published.cohorts.gold?.messages.bot).toBe(2100);
  expect(store.index.get("gold")?.size).toBe(2100);
  store.close();
  const reopened = openStateStore(dir, "state.db", "state.json");
  expect(reopened.published.cohorts.gold?.messages.bot).toBe(2100);
  expect(reopened.cohort("gold").read("user-2099").cursor).toBe(2000);
  reopened.close();
});
