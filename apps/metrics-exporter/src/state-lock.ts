/**
 * One exporter per state file, held by an exclusive SQLite lock on a file beside it.
 *
 * @module
 */
import { openDatabaseSync, type SqlDatabase } from "@mybot/sqlite";

/**
 * A second exporter on one file (the same shard started twice) would overwrite this one's counts
 * from its own memory. So the file's owner holds an exclusive SQLite lock on a small file beside
 * it until it closes (the system drops it with the process, even on kill -9); a second one waits
 * 5 s, then is refused. Beside, not on the state itself, so that `sqlite3 .backup` and tools can
 * still read the state while the exporter runs.
 *
 * @example
 * ```ts
 * const db = withLock(openDatabaseSync(path), path); // db.close() releases the lock too
 * ```
 */
export function withLock(db: SqlDatabase, path: string): SqlDatabase {
  const lock = openDatabaseSync(`${path}.lock`);
  try {
    lock.exec("PRAGMA busy_timeout = 5000; PRAGMA locking_mode = EXCLUSIVE");
    lock.exec("CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY, pid INTEGER)");
    // The first write takes the exclusive lock; EXCLUSIVE mode keeps it until close.
    lock.prepare("INSERT OR REPLACE INTO owner VALUES (1, ?)").run(process.pid);
  } catch (error) {
    lock.close();
    throw error;
  }
  return {
    ...db,
    close() {
      db.close();
      lock.close();
    },
  };
}
