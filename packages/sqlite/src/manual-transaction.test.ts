import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { node24 } from "@mybot/test-kit";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { withTestTables } from "./manual-transaction.tables.ts";

/** better-sqlite3 driven by the manual helper, as node:sqlite is on Deno. */
function open() {
  const db = new Database(":memory:");
  const rows = () => db.prepare("SELECT x FROM t ORDER BY x").pluck().all();
  return { db, rows, ...withTestTables(db) };
}

describe("createManualTransaction", () => {
  it("commits, and rolls back a failing function with its own error", () => {
    const { db, transaction, rows, insert } = open();
    expect(transaction(() => insert(1).changes)).toBe(1);
    expect(() =>
      transaction(() => {
        insert(2);
        throw new Error("no");
      }),
    ).toThrow("no");
    expect(db.inTransaction).toBe(false);
    transaction(() => insert(3));
    expect(rows()).toEqual([1, 3]);
  });

  it("nests as savepoints: an inner failure caught undoes only the inner writes", () => {
    const { transaction, rows, insert } = open();
    transaction(() => {
      insert(1);
      expect(() =>
        transaction(() => {
          insert(2);
          transaction(() => insert(3));
          throw new Error("inner");
        }),
      ).toThrow("inner");
      transaction(() => insert(4));
    });
    expect(rows()).toEqual([1, 4]);
  });

  it("rethrows a failed COMMIT's own error, rolled back, and later transactions still work", () => {
    const { db, transaction, rows, insert } = open();
    // A deferred foreign key is checked at COMMIT, as a full disk or SQLITE_BUSY would fail it.
    const orphan = () => db.prepare("INSERT INTO child VALUES (?)").run(7);
    expect(() =>
      transaction(() => {
        insert(1);
        orphan();
      }),
    ).toThrow(/FOREIGN KEY/);
    expect(db.inTransaction).toBe(false);
    transaction(() => insert(2));
    transaction(() => transaction(() => insert(3)));
    expect(rows()).toEqual([2, 3]);
    expect(db.prepare("SELECT count(*) FROM child").pluck().get()).toBe(0);
  });
});

// The driver the helper exists for: node:sqlite, on Node 24 (Deno's node:sqlite is the same code).
const fixture = fileURLToPath(new URL("./manual-transaction.fixture.ts", import.meta.url));
it("survives a failed COMMIT on node:sqlite (Node 24)", async () => {
  const { stdout } = await promisify(execFile)(node24, ["--no-warnings", fixture]);
  expect(stdout.trim()).toBe("FOREIGN KEY constraint failed | false | 2,3");
});
