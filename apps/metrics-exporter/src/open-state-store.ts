/**
 * Opens a shard's state store at start: the SQLite file (with the JSON file of an earlier
 * version migrated into it first), its counters and its user index.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { SqlDatabase } from "@mybot/sqlite";
import { StateFileError, unusable } from "./state.ts";
import { openStateDb, sqliteProblem } from "./state-db.ts";
import { migrateLegacyState } from "./state-legacy.ts";
import { StateStore } from "./state-store.ts";
import { loadUserIndex } from "./user-index.ts";

/**
 * Opens a shard's state: its SQLite file (a JSON file of an earlier version is migrated into it
 * first), its counters and its user index. A directory that cannot be written yet is not fatal:
 * the store starts empty and the first commit that can create the file does.
 *
 * @throws StateFileError when a state file exists but cannot be resumed from
 * @example
 * ```ts
 * const store = openStateStore(".data/exporter-state", stateFile(0, 1), legacyStateFile(0, 1));
 * ```
 */
export function openStateStore(dir: string, file: string, legacyFile: string): StateStore {
  let db: SqlDatabase | null = null;
  try {
    db = openStateDb(dir, file);
  } catch (error) {
    if (error instanceof StateFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    if (existsSync(join(dir, legacyFile)))
      throw unusable(join(dir, legacyFile), `the database beside it cannot be created (${code})`);
  }
  try {
    if (db) migrateLegacyState(db, dir, legacyFile);
    return new StateStore(db, { dir, file }, db ? loadUserIndex(db) : new Map());
  } catch (error) {
    db?.close();
    if (error instanceof StateFileError) throw error;
    // Damage that opening did not reach (deep in the file) surfaces in the loads: still one line.
    const code = (error as NodeJS.ErrnoException).code;
    if (code && !code.startsWith("SQLITE_"))
      throw unusable(join(dir, legacyFile), `it cannot be renamed once migrated (${code})`);
    throw unusable(join(dir, file), sqliteProblem(error));
  }
}
