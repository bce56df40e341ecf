import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStateStore } from "./open-state-store.ts";
import { loadUserIndex } from "./user-index.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "exporter-store-"));
const open = (dir: string) => openStateStore(dir, "state.db", "state.json");
const ids = (n: number) => Array.from({ length: n }, (_, i) => `9198${String(i).padStart(8, "0")}`);

/** As a read does: moves a user's cursor and the cohort's counts together. */
function read(store: ReturnType<typeof open>, cohort: string, id: string, at: number) {
  const handle = store.cohort(cohort);
  const user = handle.read(id);
  user.cursor = at;
  user.idsAtCursor = [`m-${at}`];
  user.lastAt = at;
  user.lastUserMessageAt = at;
  user.lastReadAt = at + 1;
  handle.counts.messages.user++;
  handle.changed(id, user);
}

/** A store in `dir` with these reads (cohort, user, at) made and committed. */
function committedStore(dir: string, reads: [cohort: string, id: string, at: number][]) {
  const store = open(dir);
  for (const [cohort, id, at] of reads) read(store, cohort, id, at);
  store.commit();
  return store;
}

describe("the state store", () => {
  it("writes only what changed: the users read, and the counter rows that moved", () => {
    const store = open(tmp());
    for (const id of ids(1000)) read(store, "gold", id, 1000);
    store.commit();
    // 1000 users, the cohort's row, and the three counter rows (requests, errors, budget).
    expect(store.lastCommitChanges).toBe(1004);
    for (const id of ids(10)) read(store, "gold", id, 2000);
    store.commit();
    expect(store.lastCommitChanges).toBe(11);
    store.commit();
    expect(store.lastCommitChanges).toBe(0);
    store.close();
  });

  it("keeps a user's cursor and the counts it moved together across a crash", () => {
    const dir = tmp();
    const first = open(dir);
    read(first, "gold", "a", 1000);
    first.commit();
    read(first, "gold", "a", 2000);
    read(first, "gold", "b", 2000);
    // The uncommitted lead is visible to the next read of the same user, not to the exposition.
    expect(first.cohort("gold").read("a").cursor).toBe(2000);
    expect(first.published.cohorts.gold?.messages.user).toBe(1);
    // kill -9: no commit; the file's lock goes with the process (close does not commit).
    first.close();
    const second = open(dir);
    expect(second.published.cohorts.gold?.messages.user).toBe(1);
    expect(second.cohort("gold").read("a")).toMatchObject({ cursor: 1000, lastReadAt: 1001 });
    expect(second.cohort("gold").read("b").cursor).toBe(null);
    second.close();
  });

  it("counts active users and members from committed state only", () => {
    const store = open(tmp());
    const now = 10 * 86_400_000;
    for (const [i, id] of ["a", "b", "c"].entries()) read(store, "gold", id, now - i * 3_600_000);
    expect(store.activeUsers("gold", [now - 3_600_000])).toEqual([0]);
    store.commit();
    expect(store.activeUsers("gold", [now - 3_600_000, now - 86_400_000])).toEqual([2, 3]);
    store.setMembers("gold", ["b", "c"]);
    expect(store.activeUsers("gold", [now - 86_400_000])).toEqual([3]);
    store.commit();
    expect(store.activeUsers("gold", [now - 86_400_000])).toEqual([2]);
    expect(store.published.cohorts.gold?.userCount).toBe(2);
    // Back in the listing: active again, and still the same user (the cursor is kept).
    store.setMembers("gold", ["a", "b", "c"]);
    expect(store.cohort("gold").read("a")).toMatchObject({ left: false, cursor: now });
    store.commit();
    expect(store.activeUsers("gold", [now - 86_400_000])).toEqual([3]);
    store.close();
  });

  it("loads every user's last message and last read time for a scheduler", () => {
    const store = committedStore(tmp(), [
      ["gold", "a", 1000],
      ["web", "b", 2000],
    ]);
    const db = store.database;
    if (!db) throw new Error("no database");
    const seen: string[] = [];
    for (const [cohort, index] of loadUserIndex(db))
      index.forEach((id, u) => {
        seen.push(`${cohort} ${id} ${u.lastMessageAt} ${u.lastReadAt}`);
      });
    expect(seen.sort()).toEqual(["gold a 1000 1001", "web b 2000 2001"]);
    store.close();
  });

  it("starts without a writable directory, and creates the file at the first commit that can", () => {
    const dir = join(tmp(), "state");
    writeFileSync(dir, "not a directory");
    const store = open(dir);
    read(store, "gold", "a", 1000);
    expect(() => store.commit()).toThrow(/ENOTDIR|EEXIST/);
    expect(store.published.cohorts).toEqual({});
    rmSync(dir);
    store.commit();
    expect(store.published.cohorts.gold?.messages.user).toBe(1);
    store.close();
    expect(open(dir).cohort("gold").read("a").cursor).toBe(1000);
  });

  it("drops a cohort no longer configured from the exposition at once, and from the file", () => {
    const dir = tmp();
    const store = committedStore(dir, [
      ["gold", "a", 1000],
      ["web", "b", 1000],
    ]);
    expect(store.dropCohortsExcept(["gold"])).toEqual(["web"]);
    expect(Object.keys(store.published.cohorts)).toEqual(["gold"]);
    store.commit();
    store.close();
    const reopened = open(dir);
    expect([...reopened.index.keys()]).toEqual(["gold"]);
    expect(reopened.cohort("web").read("b").cursor).toBe(null);
    reopened.close();
  });
});
