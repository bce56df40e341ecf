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
 */
export function createManualTransaction(db: { exec(sql: string): void }): <T>(fn: () => T) => T {
  let depth = 0;
  return <T>(fn: () => T): T => {
    const savepoint = `sp${depth}`;
    db.exec(depth === 0 ? "BEGIN IMMEDIATE" : `SAVEPOINT ${savepoint}`);
    depth++;
    try {
      const result = fn();
      depth--;
      db.exec(depth === 0 ? "COMMIT" : `RELEASE ${savepoint}`);
      return result;
    } catch (error) {
      depth--;
      db.exec(depth === 0 ? "ROLLBACK" : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      throw error;
    }
  };
}
