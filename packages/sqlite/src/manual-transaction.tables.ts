/**
 * What both tests of the manual transaction helper (manual-transaction.test.ts on better-sqlite3,
 * manual-transaction.fixture.ts on node:sqlite) start from: a table to count writes in, and a
 * deferred foreign key that fails a COMMIT on demand, as a full disk or SQLITE_BUSY would.
 *
 * @module
 */
import { createManualTransaction } from "./sql-driver.ts";

/**
 * Creates the tables on `db` and gives the helper under test and an insert into `t`.
 *
 * @example
 * ```ts
 * const { transaction, insert } = withTestTables(new Database(":memory:"));
 * transaction(() => insert(1));
 * ```
 */
export function withTestTables<R>(db: {
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): R };
}) {
  db.exec(`PRAGMA foreign_keys = ON;
    CREATE TABLE t (x INTEGER);
    CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE child (p INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`);
  const transaction = createManualTransaction(db);
  const insert = (x: number) => db.prepare("INSERT INTO t VALUES (?)").run(x);
  return { transaction, insert };
}
