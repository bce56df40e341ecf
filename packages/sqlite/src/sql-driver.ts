/**
 * The few calls the stores make on a SQLite connection; better-sqlite3, bun:sqlite and
 * node:sqlite all offer them under these names, so each adapter is a few lines.
 *
 * @module
 */

/** A prepared statement with positional `?` parameters. */
export interface SqlStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number | bigint };
}

/** A SQLite connection. */
export interface SqlDatabase {
  readonly name: string;
  exec(sql: string): void;
  prepare(sql: string): SqlStatement;
  transaction<T>(fn: () => T): T;
  close(): void;
}

/**
 * A transaction helper for drivers without one (node:sqlite): BEGIN/COMMIT at the outer
 * level and SAVEPOINTs inside, so that nested calls compose as they do in better-sqlite3.
 * A COMMIT can fail (a full disk, SQLITE_BUSY, a deferred foreign key) and leave the
 * transaction open: it is then rolled back, and the COMMIT's own error thrown.
 *
 * @example
 * ```ts
 * const transaction = createManualTransaction(new DatabaseSync("state.db"));
 * transaction(() => db.prepare("INSERT INTO t VALUES (?)").run(1));
 * ```
 */
export function createManualTransaction(db: { exec(sql: string): void }): <T>(fn: () => T) => T {
  let depth = 0;
  // Undoing after an error must not hide that error: the undo's own failure (say, no
  // transaction left open after a failed COMMIT that SQLite already rolled back) is dropped.
  const undo = (sql: string) => {
    try {
      db.exec(sql);
    } catch {}
  };
  return <T>(fn: () => T): T => {
    const savepoint = `sp${depth}`;
    const outer = depth === 0;
    db.exec(outer ? "BEGIN IMMEDIATE" : `SAVEPOINT ${savepoint}`);
    depth++;
    let result: T;
    try {
      result = fn();
    } catch (error) {
      depth--;
      undo(outer ? "ROLLBACK" : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      throw error;
    }
    depth--;
    try {
      db.exec(outer ? "COMMIT" : `RELEASE ${savepoint}`);
    } catch (error) {
      undo(outer ? "ROLLBACK" : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      throw error;
    }
    return result;
  };
}
